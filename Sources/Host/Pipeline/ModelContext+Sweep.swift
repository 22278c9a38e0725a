import Foundation
import PackKit

extension ModelContext {
    /// The grid a sweep of this model tries: `riskProfile` alone (with `riskParams`), else every
    /// risk profile of the pack; `hours` nil = the pack's. Refuses a grid over `maxConfigs`.
    public func sweepRequest(riskProfile: String?, riskParams: [String: JSON], hours: [Int]?, thresholds: [Double], topPcts: [Double?],
                             splits: Int, tag: String, maxConfigs: Int) throws -> SweepRequest {
        let profiles = riskProfile != nil ? [try RiskBudget(riskProfile, pack: plan.pack, defaults: defaults, params: riskParams)]
            : try RiskBudget.all(pack: plan.pack, defaults: defaults, params: riskParams)
        var request = try SweepRequest(hours: self.hours(hours), thresholds: thresholds, topPcts: topPcts, profiles: profiles, splits: splits,
                                       tag: tag, maxConfigs: maxConfigs)
        request.policy = defaults.trainingPolicy(hours: request.policy.allowedHours)
        return request
    }

    /// Runs `request` on one set of walk-forward predictions; rows go to `db`'s leaderboard
    /// (nil = `$EDGEHOST_DB`, the `DB_*` variables, else the workspace's SQLite).
    public func sweep(_ request: SweepRequest, db: String?, ledger: RunLedger, progress: Progress = .silent, force: Bool = false) throws -> StageResult {
        var stage = BacktestStage(workspace: workspace, ledger: ledger, leaderboard: try LeaderboardStores.open(db, workspace: workspace))
        stage.progress = progress
        return try stage.sweep(plan, defaults: defaults, request: request, force: force)
    }
}
