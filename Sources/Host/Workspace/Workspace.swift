import Foundation

/// The folder a user works in: models, reports, matrices, run manifests. Chosen by
/// `--workspace`, else `EDGEHOST_HOME`, else `./edgehost-work`.
public struct Workspace: Sendable {
    public let root: String

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
        Workspace(root: option ?? environment["EDGEHOST_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "edgehost-work")
    }

    public func path(_ parts: String...) -> String {
        parts.reduce(root) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// `parts` under `folder`, for a model: the one place model paths are built, so the id
    /// rule (`ModelID`) holds for every file a model owns.
    func modelPath(_ model: String, _ parts: String...) throws(WorkspaceError) -> String {
        try ModelID.check(model)
        return parts.reduce(root) { ($0 as NSString).appendingPathComponent($1) }
    }

    public func modelFile(_ id: String) throws(WorkspaceError) -> String { try modelPath(id, "models", "\(id).json") }
    public var modelsFolder: String { path("models") }
    /// A model's own indicator set, which replaces the pack's when present.
    public func indicatorSetOverride(pack: String, model: String) throws(WorkspaceError) -> String {
        try modelPath(model, "packs", pack, "indicator_sets", "\(model).yaml")
    }
    public func previewReport(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "reports", "preview_\(model).json") }
    public func matrixFolder(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "matrices", model) }
    public func matrixFile(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "matrices", model, "training_matrix_built.csv") }
    public func profileFile(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "matrices", model, "profile.json") }
    public var runsFolder: String { path("runs") }
    /// A trained model, per risk profile: model.json, meta.json, importance.json.
    public func artifactFolder(_ model: String, riskProfile: String) throws(WorkspaceError) -> String {
        try ModelID.check(riskProfile, what: "risk profile")
        return try modelPath(model, "artifacts", model, riskProfile)
    }
    /// Every risk profile's artifacts of a model.
    public func artifactsFolder(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "artifacts", model) }
    public func backtestReport(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "reports", "backtest_\(model).json") }
    /// Every trade of every configuration the backtest report ranks, and their daily returns.
    public func backtestTrades(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "reports", "backtest_\(model)_trades.csv") }
    public func backtestDailyReturns(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "reports", "backtest_\(model)_daily_returns.csv") }
    public func sweepReport(_ model: String, tag: String) throws(WorkspaceError) -> String { try modelPath(model, "reports", "sweep_\(model)_\(tag).json") }
    public func plotsFolder(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "plots", model) }
    public func signalsFile(_ model: String) throws(WorkspaceError) -> String { try modelPath(model, "live_data", model, "signals.csv") }
    /// The embedded database: leaderboard (and, later, runs and the alert index).
    public var database: String { path("edgehost.sqlite") }

    /// The built matrix of `model`, checked against its profile, or an error saying how to build it.
    public func builtMatrix(_ model: String) throws -> BuiltMatrix {
        try BuiltMatrix(matrix: try matrixFile(model), profile: try profileFile(model), model: model, workspace: self)
    }

    /// A path relative to the workspace root, for reports (absolute paths differ per machine).
    public func relative(_ full: String) -> String {
        full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : full
    }
}
