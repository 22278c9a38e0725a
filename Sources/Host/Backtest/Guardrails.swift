import Foundation
import PackKit

/// The minimum a backtest must show before a model is trained for use (`edgehost smoke`).
public struct Guardrails: Sendable {
    public var minSharpe: Double
    public var minTrades: Int

    public init(minSharpe: Double, minTrades: Int) {
        self.minSharpe = minSharpe
        self.minTrades = minTrades
    }

    /// Why the backtest report's best configuration falls short; empty when it passes.
    public func failures(_ report: JSON) -> [String] {
        guard let best = report["best"], let m = best["metrics"], let threshold = best["threshold"]?.doubleValue else {
            return ["no threshold produced a trade"]
        }
        let sharpe = m["sharpe"]?.doubleValue ?? .nan, trades = Int(m["trades"]?.doubleValue ?? 0)
        let at = String(format: "at threshold %.2f", threshold)
        var reasons: [String] = []
        if !(sharpe >= minSharpe) {
            reasons.append(sharpe.isFinite ? String(format: "Sharpe %.2f < %.2f %@ (short by %.2f)", sharpe, minSharpe, at, minSharpe - sharpe)
                                           : "Sharpe undefined \(at) (needs ≥ \(minSharpe))")
        }
        if trades < minTrades { reasons.append("trades \(trades) < \(minTrades) \(at) (short by \(minTrades - trades))") }
        return reasons
    }
}
