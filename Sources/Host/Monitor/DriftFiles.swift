/// Where drift reads a run's features: `runs/<run>/features/<symbol>.csv`, which the feature
/// stage writes (`ts` + one column per feature).
public enum DriftFiles {
    public static func features(workspace: Workspace, runID: String, symbol: String) throws(WorkspaceError) -> String {
        try ModelID.check(runID, what: "run id")
        try ModelID.check(symbol, what: "symbol")
        return workspace.path("runs", runID, "features", "\(symbol).csv")
    }
}
