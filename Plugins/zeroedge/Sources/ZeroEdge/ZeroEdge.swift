import PackKit

/// The zeroedge pack: SPY 0DTE options, hourly decisions. Its adapters return market frames
/// (see `MarketFrame`): 1-minute regular-session bars with the latest 0DTE chain summary.
enum ZeroEdge {
    static let definition = PackDefinition(
        adapters: adapters, indicators: indicators, labelers: labelers,
        gates: gates, riskProfiles: riskProfiles, resources: resources)
    /// PackKit's conservative, balanced and aggressive threshold profiles.
    static let riskProfiles = thresholdRiskProfiles
}

@_cdecl("edgehost_swift_pack")
public func edgehostSwiftPack() -> PackHandle { exportPack(ZeroEdge.definition) }
private let pinned: SwiftPackFunction = edgehostSwiftPack
