import PackKit

/// (close − SMA of `period` 2-minute closes) / close, as of each 1-minute bar (`TwoMinuteBars`).
/// Its lookback (2·period + 2 one-minute bars) makes the host fetch the sessions before a build
/// as warm-up: the premarket and earlier days feed the SMA_200/SMA_400 levels (stage 3).
let sma2mDistance = Indicator(ComponentInfo(
    id: "sma2m_distance", version: "1.0.0",
    description: "(close - SMA(period) of 2-minute closes) / close; NaN until `period` 2-minute bars exist",
    params: [.int("period", default: 200, min: 1, max: 10_000, "2-minute bars in the average")],
    inputs: [.timestamp("ts"), .float64("close")],
    outputs: [.float64("value", allowsNaN: true, "NaN until `period` 2-minute closes exist")],
    causality: Causality(lookbackBars: 402)
), lookback: { params in Reach(bars: Int64(2 * (try params.int("period")) + 2)) }) { input, params in
    let ts = Array(try input.timestamps()), close = Array(try input.float64("close"))
    let sma = TwoMinuteBars.sma(ts: ts, close: close, period: try params.int("period"))
    return try Frame([.float64("value", zip(close, sma).map { ($0 - $1) / $0 })])
}
