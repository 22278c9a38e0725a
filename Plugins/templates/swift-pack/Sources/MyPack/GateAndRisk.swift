import PackKit

/// Fails a model that traded too rarely out of sample to judge. Facts: `{"trades": n, ...}`.
let tradeCountGate = Gate(ComponentInfo(
    id: "enough_trades", description: "Fails when the backtest made fewer than min_trades trades",
    params: [.int("min_trades", default: 20, min: 0, "fewest trades that pass")],
    outputs: []
)) { facts, params in
    guard let trades = facts["trades"]?.doubleValue else { throw ComponentError("facts lack 'trades' (got \(facts.text))") }
    let minimum = try params.int("min_trades")
    guard trades >= Double(minimum) else { return GateVerdict(.fail, reasons: ["trades \(Int(trades)) < min_trades \(minimum)"]) }
    return GateVerdict(.pass)
}

/// One position at a time, small size, tight drawdown budget.
let steadyProfile = RiskProfile(ComponentInfo(
    id: "steady", description: "One position at a time, 8% drawdown budget", outputs: []
)) { _ in
    ["threshold_floor": 0.5, "max_trades_per_day": 4, "max_drawdown": 0.08, "position_size": 0.5]
}
