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

    public func modelFile(_ id: String) -> String { path("models", "\(id).json") }
    public var modelsFolder: String { path("models") }
    /// A model's own indicator set, which replaces the pack's when present.
    public func indicatorSetOverride(pack: String, model: String) -> String {
        path("packs", pack, "indicator_sets", "\(model).yaml")
    }
    public func previewReport(_ model: String) -> String { path("reports", "preview_\(model).json") }
    public func matrixFolder(_ model: String) -> String { path("matrices", model) }
    public func matrixFile(_ model: String) -> String { path("matrices", model, "training_matrix_built.csv") }
    public func profileFile(_ model: String) -> String { path("matrices", model, "profile.json") }
    public var runsFolder: String { path("runs") }
    /// A trained model, per risk profile: model.json, meta.json, importance.json.
    public func artifactFolder(_ model: String, riskProfile: String) -> String { path("artifacts", model, riskProfile) }
    public func backtestReport(_ model: String) -> String { path("reports", "backtest_\(model).json") }
    /// Every trade of every configuration the backtest report ranks, and their daily returns.
    public func backtestTrades(_ model: String) -> String { path("reports", "backtest_\(model)_trades.csv") }
    public func backtestDailyReturns(_ model: String) -> String { path("reports", "backtest_\(model)_daily_returns.csv") }
    public func sweepReport(_ model: String, tag: String) -> String { path("reports", "sweep_\(model)_\(tag).json") }
    public func plotsFolder(_ model: String) -> String { path("plots", model) }
    public func signalsFile(_ model: String) -> String { path("live_data", model, "signals.csv") }
    /// The embedded database: leaderboard (and, later, runs and the alert index).
    public var database: String { path("edgehost.sqlite") }

    /// The built matrix of `model` and its SHA-256, or an error saying how to build it.
    public func builtMatrix(_ model: String) throws -> (path: String, sha: String) {
        let path = matrixFile(model)
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError("no built matrix for \(model) at \(relative(path)): run `edgehost build --model \(model)` first")
        }
        return (path, try Hashing.sha256(path: path))
    }

    /// A path relative to the workspace root, for reports (absolute paths differ per machine).
    public func relative(_ full: String) -> String {
        full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : full
    }
}
