import Foundation

/// What a backtest report's metrics are computed from, as CSV a user can audit (pandas
/// `read_csv`): every trade of every configuration, and each configuration's daily returns.
/// Numbers are written in full (round-trip) precision so the report's metrics recompute exactly.
enum BacktestTradeFiles {
    /// `threshold,top_pct,decision_ts,fold,action,label,probability,stake,outcome,pnl`, one row per
    /// trade in time order; pnl = stake × outcome, and a session's pnl sums to its daily return.
    static func trades(_ results: [ConfigurationResult]) -> String {
        var out = "threshold,top_pct,decision_ts,fold,action,label,probability,stake,outcome,pnl\n"
        for r in results {
            let config = key(r)
            for t in r.trades {
                out += "\(config),\(Timestamps.iso(t.ts)),\(t.fold),\(t.action),\(t.label),\(t.probability),\(r.rules.positionSize),\(t.outcome),\(r.rules.positionSize * t.outcome)\n"
            }
        }
        return out
    }

    /// `threshold,top_pct,date,return`: every out-of-sample session (0 without a trade), in order.
    static func dailyReturns(_ results: [ConfigurationResult]) -> String {
        var out = "threshold,top_pct,date,return\n"
        for r in results {
            let config = key(r)
            for (day, value) in zip(r.metrics.days, r.metrics.dailyReturns) {
                out += "\(config),\(Timestamps.date(day)),\(value)\n"
            }
        }
        return out
    }

    /// The configuration's columns: `threshold,top_pct` (empty without a top-% cut).
    private static func key(_ r: ConfigurationResult) -> String {
        "\(r.rules.threshold),\(r.rules.topPct.map { "\($0)" } ?? "")"
    }
}
