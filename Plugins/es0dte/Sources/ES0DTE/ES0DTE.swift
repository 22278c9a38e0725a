import PackKit

/// The es0dte pack: ES futures and ES 0DTE options. When ES approaches a key level (premarket
/// high/low, opening-range high/low, SMA 200/400 on 2-minute bars), does it break through or
/// bounce by 15 points first, and which physics of the approach explain it? Decisions are
/// level touches, several per instant when levels coincide (keyed by event id, see docs/).
/// The exported entry is in the ES0DTEExport target, so tests can link this module beside
/// another Swift pack (each exports the same symbol).
public enum ES0DTEPack {
    public static let definition = PackDefinition(
        adapters: [simAdapter, leanCSVAdapter, silverAdapter], indicators: [sma2mDistance], labelers: [levelTouch],
        gates: [esQAGate, modelQualityGate], riskProfiles: riskProfiles, resources: resources)
    /// PackKit's conservative, balanced and aggressive threshold profiles.
    static let riskProfiles = thresholdRiskProfiles
}
