import Foundation
import PackKit

/// A backtest's configurations as leaderboard rows. The key is the configuration's identity
/// (model, data, policy, risk, threshold, top-%), so rerunning it replaces its row.
enum LeaderboardRows {
    static func rows(_ results: [ConfigurationResult], verdict: GateVerdict?, model: String, request: BacktestRequest,
                     risk: RiskBudget, lineage: JSON, runID: String, report: String) -> [LeaderboardRow] {
        let matrixSHA = lineage["matrix_sha"]?.stringValue ?? "", configSHA = lineage["config_sha"]?.stringValue ?? ""
        let policySHA = lineage["policy_sha"]?.stringValue ?? ""
        let hours = request.allowedHours.map(String.init).joined(separator: ",")
        let created = Timestamps.iso(Int64(Date().timeIntervalSince1970 * 1e9))
        return results.map { r in
            let key = Hashing.sha256([model, matrixSHA, configSHA, policySHA, risk.sha, "\(r.rules.threshold)",
                                      r.rules.topPct.map { "\($0)" } ?? "-", hours, "\(request.splits)"].joined(separator: "|"))
            // The gate judged the profile's own best threshold; other rows carry that verdict only when it is theirs.
            let judged = verdict?.result?.rules.threshold == r.rules.threshold
            let m = r.metrics
            return LeaderboardRow(
                key: String(key.prefix(32)), runID: runID, modelID: model, modelVersion: String(configSHA.prefix(12)), riskProfile: risk.id,
                threshold: r.rules.threshold, topPct: r.rules.topPct, allowedHours: hours, splits: request.splits, trades: m.trades,
                winRate: m.winRate, meanReturn: m.meanReturn, medianReturn: m.medianReturn, totalReturn: m.totalReturn,
                sharpe: m.sharpe, sortino: m.sortino, maxDrawdown: m.maxDrawdown, calmar: m.calmar, deflatedSharpe: r.deflatedSharpe,
                foldSharpeSpread: r.foldSharpeSpread, gateStatus: judged ? verdict!.status : "not judged",
                gateReasons: judged ? verdict!.reasons.joined(separator: "; ") : "", matrixSHA: matrixSHA, configSHA: configSHA,
                reportPath: report, createdAt: created)
        }
    }
}
