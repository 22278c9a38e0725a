import PackKit

/// The whole pack: what it declares is all the host can see and call. Rename `mypack` here,
/// in entry.c and in Package.swift to make it yours.
enum MyPack {
    static let definition = PackDefinition(
        adapters: [sessionBars],
        indicators: [momentum],
        labelers: [barHorizon],
        gates: [tradeCountGate],
        riskProfiles: [steadyProfile],
        resources: [.yaml("defaults.yaml", Defaults.yaml), .yaml("indicator_sets/mypack_basic_v1.yaml", Defaults.indicatorSet)]
    )
}

// The C entry (entry.c) calls this to obtain the definition; the constant pins its signature.
@_cdecl("edgehost_swift_pack")
public func edgehostSwiftPack() -> PackHandle { exportPack(MyPack.definition) }
private let pinned: SwiftPackFunction = edgehostSwiftPack
