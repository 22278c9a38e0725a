import PackKit

/// The crypto pack: BTCUSDT and ETHUSDT klines on a 24/7 UTC market, the features and the
/// `event.*` detectors the host's discovery reads, the strategy blueprints and the risk
/// profile whose budgets the strategy backtester applies.
enum Crypto {
    static let definition = PackDefinition(
        adapters: adapters, indicators: features + events, riskProfiles: riskProfiles, resources: resources)
}

@_cdecl("edgehost_swift_pack")
public func edgehostSwiftPack() -> PackHandle { exportPack(Crypto.definition) }
private let pinned: SwiftPackFunction = edgehostSwiftPack
