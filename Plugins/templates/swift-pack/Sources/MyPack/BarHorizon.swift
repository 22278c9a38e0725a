import PackKit

/// Every `every` bars, where is close `horizon` bars later: UP, DOWN or FLAT (within `band`),
/// and what a long or a short from this close would have returned.
let barHorizon = Labeler(ComponentInfo(
    id: "bar_horizon", version: "1.0.0", description: "Direction of close `horizon` bars ahead, decided every `every` bars",
    params: [
        .int("horizon", default: 30, min: 1, max: 10_000, "bars ahead"),
        .int("every", default: 30, min: 1, max: 10_000, "bars between decisions"),
        .float("band", default: 0.0005, min: 0, max: 0.1, "|return| below this is FLAT"),
    ],
    inputs: [.timestamp("ts"), .float64("close")],
    outputs: [
        .timestamp("ts", "decision time: a bar's time"),
        .timestamp("label_end_ts", "time of the bar `horizon` bars later"),
        .utf8("label", "UP, DOWN or FLAT"),
        .float64("outcome_long", "return of buying at the decision's close"),
        .float64("outcome_short", "return of selling at the decision's close"),
        .float64("outcome_none", "0: no trade"),
    ],
    causality: Causality(horizonBars: 30)
), horizon: { params in Reach(bars: Int64(try params.int("horizon"))) }) { bars, params in
    let ts = try bars.timestamps(), close = try bars.float64("close")
    let horizon = try params.int("horizon"), every = try params.int("every"), band = try params.double("band")
    let rows = Array(stride(from: 0, to: max(0, ts.count - horizon), by: every))
    let returns = rows.map { close[$0 + horizon] / close[$0] - 1 }
    return try Frame([
        .timestamp("ts", rows.map { ts[$0] }),
        .timestamp("label_end_ts", rows.map { ts[$0 + horizon] }),
        .utf8("label", returns.map { $0 > band ? "UP" : $0 < -band ? "DOWN" : "FLAT" }),
        .float64("outcome_long", returns),
        .float64("outcome_short", returns.map { -$0 }),
        .float64("outcome_none", [Double](repeating: 0, count: rows.count)),
    ])
}
