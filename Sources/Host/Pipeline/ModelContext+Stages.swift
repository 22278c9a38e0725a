import Foundation
import PackKit

/// What a backtest of a model tries, with the pipeline's defaults.
public struct BacktestOptions: Sendable {
    public var thresholds: [Double]
    public var splits: Int
    public var topPct: Double?
    /// nil = the pack's default hours.
    public var allowedHours: [Int]?
    /// Leaderboard: postgres://… or a SQLite path; nil = `$EDGEHOST_DB`, else the workspace's SQLite.
    public var db: String?

    public init(thresholds: [Double] = [0.55, 0.60, 0.65], splits: Int = 5, topPct: Double? = nil, allowedHours: [Int]? = nil, db: String? = nil) {
        self.thresholds = thresholds
        self.splits = splits
        self.topPct = topPct
        self.allowedHours = allowedHours
        self.db = db
    }
}

extension ModelContext {
    /// Trains the model for `risk` on `hours` (nil = the pack's).
    public func train(risk: RiskBudget, hours: [Int]?, ledger: RunLedger, progress: Progress = .silent, force: Bool = false) throws -> StageResult {
        var stage = TrainStage(workspace: workspace, ledger: ledger)
        stage.progress = progress
        return try stage.train(plan, defaults: defaults, risk: risk, policy: defaults.trainingPolicy(hours: self.hours(hours)), force: force)
    }

    /// The walk-forward backtest under `risk`, judged under every risk profile of the pack.
    public func backtest(risk: RiskBudget, options: BacktestOptions, ledger: RunLedger, progress: Progress = .silent,
                         force: Bool = false) throws -> StageResult {
        let profiles = try RiskBudget.all(pack: plan.pack, defaults: defaults)
        let hours = self.hours(options.allowedHours)
        let request = try BacktestRequest(thresholds: options.thresholds, splits: options.splits, allowedHours: hours,
                                          topPct: options.topPct, policy: defaults.trainingPolicy(hours: hours))
        var stage = BacktestStage(workspace: workspace, ledger: ledger, leaderboard: try LeaderboardStores.open(options.db, workspace: workspace))
        stage.progress = progress
        return try stage.backtest(plan, defaults: defaults, risk: risk, profiles: profiles, request: request, force: force)
    }

    /// Scores the matrix's newest session into `live_data/<model>/signals.csv`. `registry` is a
    /// registry folder; nil resolves `$EDGEHOST_REGISTRY`, else ./registry (absent = none).
    public func alerts(risk: RiskBudget, threshold: Double?, hours: [Int]?, registry: String? = nil, ledger: RunLedger) throws -> AlertStage.Outcome {
        let resolved = Registry.resolve(registry)
        try FolderCheck.check(resolved.root, what: "registry", option: "--registry (or EDGEHOST_REGISTRY)")
        var stage = AlertStage(workspace: workspace, ledger: ledger, registry: resolved)
        stage.eventOutputs = defaults.eventOutputs
        return try stage.alerts(model: modelID, risk: risk, threshold: threshold, hours: hours)
    }
}
