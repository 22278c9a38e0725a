import PackKit

extension Crypto {
    /// The detectors, one indicator each: id `event.<name>`, outputs `<name>_flag` and `<name>_state`.
    static let events: [Indicator] = [volShock, liquidityDislocation, fundingExtreme, volumeBurst]
}

/// An `event.<name>` indicator: `flag(columns, i, params)` at every row, the market state beside it.
/// Rows before the state's 311-bar history are warm-up (NaN flag and state).
func eventDetector(_ name: String, _ description: String, params: [ParamSpec], inputs: [String],
                   flag: @escaping @Sendable (_ columns: [String: [Double]], _ i: Int, _ params: Params) throws -> Double) -> Indicator {
    Indicator(ComponentInfo(
        id: "event.\(name)", version: "1.0.0", description: description, params: params,
        inputs: [.timestamp("ts")] + inputs.map { .float64($0, allowsNaN: $0 == "funding_rate") },
        outputs: [.float64("\(name)_flag", allowsNaN: true, "1 at the bar the event becomes known (from that bar and earlier), else 0; NaN in warm-up"),
                  .float64("\(name)_state", allowsNaN: true, "0 range/low-vol, 1 range/high-vol, 2 trend/low-vol, 3 trend/high-vol (docs/events.md)")],
        causality: Causality(lookbackBars: Int64(MarketState.lookback))
    )) { input, params in
        var columns: [String: [Double]] = [:]
        for name in inputs { columns[name] = Array(try input.float64(name)) }
        let close = try columns["close"] ?? Array(input.float64("close"))
        let state = MarketState.codes(close: close)
        var flags = [Double](repeating: .nan, count: close.count)
        for i in MarketState.lookback..<max(close.count, MarketState.lookback) where state[i].isFinite {
            flags[i] = try flag(columns, i, params)
        }
        return try Frame([.float64("\(name)_flag", flags), .float64("\(name)_state", state)])
    }
}

let volShock = eventDetector(
    "vol_shock", "VOL_SHOCK: |log return| >= threshold x the RMS of the 48 one-bar log returns before the bar",
    params: [.float("threshold", default: EventRules.shockThreshold, min: 1, max: 50, "multiple of the 48-bar RMS return")],
    inputs: ["close"]) { c, i, p in
    EventRules.volShock(close: c["close"]!, at: i, threshold: try p.double("threshold"))
}

let liquidityDislocation = eventDetector(
    "liquidity_dislocation",
    "LIQUIDITY_DISLOCATION: z-score of ln(high/low)/volume >= illiquidity_z and of ln(high/low) >= range_z, against the 48 bars before",
    params: [.float("range_z", default: EventRules.dislocationRangeZ, min: 0, max: 50, "z-score of ln(high/low) against the 48 bars before"),
             .float("illiquidity_z", default: EventRules.dislocationIlliquidityZ, min: 0, max: 50,
                    "z-score of ln(high/low)/volume (range per unit traded) against the 48 bars before")],
    inputs: ["high", "low", "close", "volume"]) { c, i, p in
    EventRules.liquidityDislocation(high: c["high"]!, low: c["low"]!, volume: c["volume"]!, at: i,
                                    rangeZ: try p.double("range_z"), illiquidityZ: try p.double("illiquidity_z"))
}

let fundingExtreme = eventDetector(
    "funding_extreme", "FUNDING_EXTREME: a new funding print with |rate| >= threshold (0 while no rate is known)",
    params: [.float("threshold", default: EventRules.fundingThreshold, min: 0, max: 1, "absolute funding rate per 8 hours (0.0003 = 3 bps)")],
    inputs: ["close", "funding_rate"]) { c, i, p in
    EventRules.fundingExtreme(funding: c["funding_rate"]!, at: i, threshold: try p.double("threshold"))
}

let volumeBurst = eventDetector(
    "volume_burst", "VOLUME_BURST: volume >= ratio x the mean volume of the 48 bars before",
    params: [.float("ratio", default: EventRules.burstRatio, min: 1, max: 1000, "multiple of the 48-bar mean volume")],
    inputs: ["close", "volume"]) { c, i, p in
    EventRules.volumeBurst(volume: c["volume"]!, at: i, ratio: try p.double("ratio"))
}
