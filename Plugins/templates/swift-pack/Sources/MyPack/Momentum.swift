import PackKit

/// close / close `period` bars earlier − 1: row i reads rows i − period … i only.
let momentum = Indicator(ComponentInfo(
    id: "momentum", version: "1.0.0", description: "Return over the last `period` bars: close[i] / close[i - period] - 1",
    params: [.int("period", default: 30, min: 1, max: 100_000, "bars back")],
    inputs: [.float64("close")],
    outputs: [.float64("value", allowsNaN: true, "NaN for the first `period` rows")],
    causality: Causality(lookbackBars: 30)
), lookback: { params in Reach(bars: Int64(try params.int("period"))) }) { input, params in
    let close = try input.float64("close")
    let period = try params.int("period")
    let value = (0..<close.count).map { i in i >= period ? close[i] / close[i - period] - 1 : .nan }
    return try Frame([.float64("value", value)])
}
