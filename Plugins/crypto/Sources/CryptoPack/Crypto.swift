import PackKit

/// The crypto pack: BTCUSDT and ETHUSDT klines on a 24/7 UTC market, the features and the
/// `event.*` detectors the host's discovery reads, the strategy blueprints and the risk
/// profile whose budgets the strategy backtester applies.
enum Crypto {
    static let definition = PackDefinition(
        adapters: adapters, indicators: features + events, riskProfiles: riskProfiles, resources: resources)
}

// Called by entry.c; named apart from zeroedge's `edgehost_swift_pack` so both modules link
// into one test executable. The constant pins the signature.
@_cdecl("edgehost_crypto_swift_pack")
public func edgehostCryptoSwiftPack() -> PackHandle { exportPack(Crypto.definition) }
private let pinned: SwiftPackFunction = edgehostCryptoSwiftPack
