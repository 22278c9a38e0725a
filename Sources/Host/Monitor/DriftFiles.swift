/// Where drift reads a run's features: `runs/<run>/features/<symbol>.csv`, which the feature
/// stage writes (`ts` + one column per feature).
public enum DriftFiles {
    public static func features(workspace: Workspace, runID: String, symbol: String) throws(WorkspaceError) -> String {
        try ModelID.check(runID, what: "run id")
        try ModelID.check(symbol, what: "symbol")
        return workspace.path("runs", runID, "features", "\(symbol).csv")
    }

    /// Where a drift check leaves its report, `runs/<run>/drift/<symbol>.json`: the server's
    /// `psi_feature` and `ks_feature` read the last one.
    public static func report(workspace: Workspace, runID: String, symbol: String) throws(WorkspaceError) -> String {
        try ModelID.check(runID, what: "run id")
        try ModelID.check(symbol, what: "symbol")
        return workspace.path("runs", runID, "drift", "\(symbol).json")
    }
}

extension DriftReport {
    /// Writes the report to `DriftFiles.report` in one rename; returns its path.
    public func write(workspace: Workspace, runID: String, symbol: String) throws -> String {
        let path = try DriftFiles.report(workspace: workspace, runID: runID, symbol: symbol)
        try AtomicFile.write(json.prettyText, to: path)
        return path
    }
}
