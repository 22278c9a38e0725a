import Foundation
import PackKit

/// Configurations as leaderboard rows. The key is the configuration's identity (model, data,
/// policy, risk, threshold, top-%, hours), so rerunning it replaces its row.
enum LeaderboardRows {
    struct Context {
        let model: String
        let splits: Int
        let lineage: JSON
        let runID: String
        let report: String
    }

    /// `verdict` nil = not judged.
    static func row(_ r: ConfigurationResult, risk: RiskBudget, verdict: GateVerdict?, _ c: Context) -> LeaderboardRow {
        let matrixSHA = c.lineage["matrix_sha"]?.stringValue ?? "", configSHA = c.lineage["config_sha"]?.stringValue ?? ""
        let policySHA = c.lineage["policy_sha"]?.stringValue ?? ""
        let hours = r.rules.allowedHours.map(String.init).joined(separator: ",")
        let key = Hashing.sha256([c.model, matrixSHA, configSHA, policySHA, risk.sha, "\(r.rules.threshold)",
                                  r.rules.topPct.map { "\($0)" } ?? "-", hours, "\(c.splits)"].joined(separator: "|"))
        let m = r.metrics
        return LeaderboardRow(
            key: String(key.prefix(32)), runID: c.runID, modelID: c.model, modelVersion: String(configSHA.prefix(12)), riskProfile: risk.id,
            threshold: r.rules.threshold, topPct: r.rules.topPct, allowedHours: hours, splits: c.splits, trades: m.trades,
            winRate: m.winRate, meanReturn: m.meanReturn, medianReturn: m.medianReturn, totalReturn: m.totalReturn,
            sharpe: m.sharpe, sortino: m.sortino, maxDrawdown: m.maxDrawdown, calmar: m.calmar, deflatedSharpe: r.deflatedSharpe,
            foldSharpeSpread: r.foldSharpeSpread, gateStatus: verdict?.status ?? "not judged",
            gateReasons: verdict?.reasons.joined(separator: "; ") ?? "", matrixSHA: matrixSHA, configSHA: configSHA,
            reportPath: c.report, createdAt: Timestamps.iso(Int64(Date().timeIntervalSince1970 * 1e9)))
    }
}
