/// The model-quality gate of the host's pipeline packs (zeroedge, es0dte): out-of-sample
/// budgets of a trained model. Facts: `{"sharpe": x, "trades": n, "max_drawdown": 0.12}`
/// (drawdown as a positive fraction). A pack lists it among its gates as `modelQualityGate`.
public let modelQualityGate = Gate(ComponentInfo(
    id: "model_quality", version: "1.0.0",
    description: "Model quality: fails when Sharpe, trade count or max drawdown misses its budget",
    params: [
        .float("min_sharpe", default: 0.5, min: -10, max: 10, "lowest annualised Sharpe ratio that passes"),
        .int("min_trades", default: 30, min: 0, "fewest trades that pass"),
        .float("max_drawdown", default: 0.25, min: 0, max: 1, "largest drawdown that passes, a positive fraction of equity"),
    ],
    outputs: []
)) { facts, params in
    let gate = "model_quality"
    let sharpe = try Facts.number(facts, "sharpe", gate: gate)
    let trades = try Facts.number(facts, "trades", gate: gate)
    // A drawdown reported as a negative return means the same loss.
    let drawdown = abs(try Facts.number(facts, "max_drawdown", gate: gate))
    let minSharpe = try params.double("min_sharpe"), minTrades = try params.int("min_trades")
    let maxDrawdown = try params.double("max_drawdown")
    func d(_ x: Double) -> String { Facts.decimal(x, 2) }
    var reasons: [String] = []
    if sharpe < minSharpe {
        reasons.append("sharpe \(d(sharpe)) < \(d(minSharpe)) (short by \(d(minSharpe - sharpe)))")
    }
    if trades < Double(minTrades) {
        reasons.append("trades \(Facts.decimal(trades, 0)) < \(minTrades) (short by \(Facts.decimal(Double(minTrades) - trades, 0)))")
    }
    if drawdown > maxDrawdown {
        reasons.append("max_drawdown \(d(drawdown)) > \(d(maxDrawdown)) (over by \(d(drawdown - maxDrawdown)))")
    }
    return GateVerdict(reasons.isEmpty ? .pass : .fail, reasons: reasons)
}
