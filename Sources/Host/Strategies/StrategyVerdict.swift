import PackKit

/// The strategy gate: enough trades, a positive expectancy after costs, and the profile's
/// drawdown budget (`max_drawdown`, a positive fraction) when it has one. Each failure says
/// which and by how much.
struct StrategyVerdict {
    let status: String
    let reasons: [String]

    init(_ run: StrategyRun, minTrades: Int, maxDrawdown: Double?) {
        var reasons: [String] = []
        let f = { (x: Double) in String(format: "%.4f", x) }
        if run.trades.count < minTrades { reasons.append("trades \(run.trades.count) < min_trades \(minTrades)") }
        if !(run.expectancyUSD > 0) { reasons.append("expectancy after costs \(f(run.expectancyUSD)) USD per trade is not positive") }
        if let budget = maxDrawdown, run.maxDrawdown.isFinite, abs(run.maxDrawdown) > budget {
            reasons.append("max_drawdown \(f(abs(run.maxDrawdown))) > budget \(f(budget))")
        }
        status = reasons.isEmpty ? "pass" : "fail"
        self.reasons = reasons
    }

    var json: JSON { .object(["status": .string(status), "reasons": .strings(reasons)]) }
}
