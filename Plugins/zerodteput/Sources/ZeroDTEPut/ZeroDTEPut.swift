import PackKit

/// The zerodteput pack: SPX/SPXW 0DTE puts. At a decision time in the session, for each strike
/// of a ladder below spot, will SPX close below the strike (the put is breached)? One decision
/// row per (session, decision time, strike), keyed by the strike (README "Several decisions per
/// instant"). The exported entry is in the ZeroDTEPutExport target, so tests can link this
/// module beside another Swift pack (each exports the same symbol).
public enum ZeroDTEPutPack {
    public static let definition = PackDefinition(
        adapters: [simAdapter, chainCSVAdapter, alpacaAdapter], labelers: [putBreach],
        gates: [putQAGate, modelQualityGate], riskProfiles: thresholdRiskProfiles, resources: resources)
}
