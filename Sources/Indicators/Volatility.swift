extension IndicatorParameter {
    static let atrPeriod = period(default: 14, min: 1, "Wilder smoothing period")
    static let bollingerPeriod = period(default: 20, min: 2, "window of the middle band and deviation")
    static let bollingerUp = deviations("nbdev_up", default: 2, "standard deviations above the middle band")
    static let bollingerDown = deviations("nbdev_down", default: 2, "standard deviations below the middle band")
    static let zScorePeriod = period(default: 20, min: 2, "window of the mean and deviation")
    static let realizedVolatilityPeriod = period(default: 30, min: 1, "number of log returns summed")
}

/// Average true range with Wilder smoothing.
///
/// Lookback `period`. Matches TA-Lib `ATR` (unstable period 0) bit for bit: the true range
/// needs the previous close, the first ATR is the plain mean of the first `period` true
/// ranges, then ATR = (ATR · (period−1) + TR) / period. Leading rows where any input is NaN
/// are skipped as Python talib does.
/// - Parameters:
///   - high, low, close: the bars, all of the same count.
///   - period: smoothing period, 1...100000.
///   - out: receives the result; same count as the inputs, must not overlap them.
/// - Throws: `IndicatorError` for an invalid period or mismatched or overlapping buffers.
public func atr(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                period: Int, into out: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.atrPeriod.validate(period, indicator: "atr")
    try BufferChecks.check("atr", inputs: high, low, close, outputs: out)
    let begin = Series.firstValid(count: close.count) { !high[$0].isNaN && !low[$0].isNaN && !close[$0].isNaN }
    let lookback = Lookback.atr(period: period)
    if close.count - begin > lookback {
        let (h, l, c) = (Series.tail(high, from: begin), Series.tail(low, from: begin), Series.tail(close, from: begin))
        let o = Series.tail(out, from: begin)
        // TA-Lib's TRANGE, comparison order included.
        @inline(__always) func trueRange(_ i: Int) -> Double {
            var greatest = h[i] - l[i]
            let fromHigh = abs(c[i - 1] - h[i])
            if fromHigh > greatest { greatest = fromHigh }
            let fromLow = abs(c[i - 1] - l[i])
            if fromLow > greatest { greatest = fromLow }
            return greatest
        }
        let p = Double(period)
        var sum = 0.0
        for i in 1...period { sum += trueRange(i) }
        var value = sum / p
        o[period] = value
        var i = period + 1
        while i < c.count {
            value *= p - 1
            value += trueRange(i)
            value /= p
            o[i] = value
            i += 1
        }
    }
    Series.fillWarmUp(out, begin + lookback)
}

/// Average true range; see the buffer version.
public func atr(high: [Double], low: [Double], close: [Double], period: Int) throws -> [Double] {
    try high.withUnsafeBufferPointer { h in
        try low.withUnsafeBufferPointer { l in
            try close.withUnsafeBufferPointer { c in
                try makeSeries(c.count) { try atr(high: h, low: l, close: c, period: period, into: $0) }
            }
        }
    }
}

/// The three Bollinger bands, each as long as the input.
public struct Bollinger: Sendable, Hashable {
    /// Middle band plus `nbDevUp` standard deviations.
    public var upper: [Double]
    /// Simple moving average.
    public var middle: [Double]
    /// Middle band minus `nbDevDown` standard deviations.
    public var lower: [Double]
}

/// Bollinger bands: SMA(period) ± k · population standard deviation over the same window.
///
/// Lookback `period - 1`. Matches TA-Lib `BBANDS` with `matype=SMA` bit for bit, including
/// its running-sum variance (E[x²] − E[x]²) and its rule that a variance below 1e-14 gives a
/// deviation of 0. Leading NaNs are skipped as Python talib does.
/// - Parameters:
///   - x: the input series.
///   - period: window length, 2...100000.
///   - nbDevUp, nbDevDown: deviation multipliers for the upper and lower bands (finite).
///   - upper, middle, lower: receive the bands; same count as `x`, no overlaps.
/// - Throws: `IndicatorError` for invalid parameters or mismatched or overlapping buffers.
public func bollinger(_ x: UnsafeBufferPointer<Double>, period: Int, nbDevUp: Double, nbDevDown: Double,
                      upper: UnsafeMutableBufferPointer<Double>, middle: UnsafeMutableBufferPointer<Double>,
                      lower: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.bollingerPeriod.validate(period, indicator: "bollinger")
    try IndicatorParameter.bollingerUp.validate(nbDevUp, indicator: "bollinger")
    try IndicatorParameter.bollingerDown.validate(nbDevDown, indicator: "bollinger")
    try BufferChecks.check("bollinger", inputs: x, outputs: upper, middle, lower)
    let begin = Series.firstValid(x)
    let (u, m, l) = (Series.tail(upper, from: begin), Series.tail(middle, from: begin), Series.tail(lower, from: begin))
    SlidingWindow.meanVariance(Series.tail(x, from: begin), period: period) { i, mean, variance in
        let deviation = TALib.standardDeviation(variance: variance)
        m[i] = mean
        u[i] = mean + deviation * nbDevUp
        l[i] = mean - deviation * nbDevDown
    }
    for out in [upper, middle, lower] { Series.fillWarmUp(out, begin + Lookback.bollinger(period: period)) }
}

/// Bollinger bands; see the buffer version.
public func bollinger(_ x: [Double], period: Int, nbDevUp: Double, nbDevDown: Double) throws -> Bollinger {
    let (u, m, l) = try x.withUnsafeBufferPointer { xs in
        try makeSeries3(xs.count) {
            try bollinger(xs, period: period, nbDevUp: nbDevUp, nbDevDown: nbDevDown, upper: $0, middle: $1, lower: $2)
        }
    }
    return Bollinger(upper: u, middle: m, lower: l)
}

/// Rolling z-score: (x − SMA(period)) / population standard deviation over the same window.
///
/// Lookback `period - 1`. Equals `(x - talib.SMA(x, period)) / talib.STDDEV(x, period, 1)`
/// bit for bit, except that where the deviation is 0 the output is NaN rather than ±inf.
/// TA-Lib counts a variance below 1e-14 as 0, so flat windows and near-flat ones give NaN.
/// Leading NaNs are skipped as Python talib does.
/// - Parameters:
///   - x: the input series.
///   - period: window length, 2...100000.
///   - out: receives the result; same count as `x`, must not overlap it.
/// - Throws: `IndicatorError` for an invalid period or mismatched or overlapping buffers.
public func rollingZScore(_ x: UnsafeBufferPointer<Double>, period: Int, into out: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.zScorePeriod.validate(period, indicator: "zscore")
    try BufferChecks.check("zscore", inputs: x, outputs: out)
    let begin = Series.firstValid(x)
    let (xs, o) = (Series.tail(x, from: begin), Series.tail(out, from: begin))
    SlidingWindow.meanVariance(xs, period: period) { i, mean, variance in
        let deviation = TALib.standardDeviation(variance: variance)
        o[i] = deviation == 0 ? .nan : (xs[i] - mean) / deviation
    }
    Series.fillWarmUp(out, begin + Lookback.rollingZScore(period: period))
}

/// Rolling z-score; see the buffer version.
public func rollingZScore(_ x: [Double], period: Int) throws -> [Double] {
    try x.withUnsafeBufferPointer { xs in try makeSeries(xs.count) { try rollingZScore(xs, period: period, into: $0) } }
}

/// Realized volatility: the square root of the sum of the last `period` squared log returns
/// (`ln(x[i] / x[i-1])`).
///
/// Not annualised and not divided by `period`: scale it yourself (for example by
/// `sqrt(bars per year / period)`). Lookback `period` (the first return needs a previous
/// value). No TA-Lib equivalent; equals the numpy sum over each window to ~1e-15 relative,
/// using a compensated running sum so a window of zero returns gives exactly 0. Leading NaNs
/// are skipped as Python talib does; a later NaN poisons every later output.
/// - Parameters:
///   - x: the price series (must be positive).
///   - period: number of returns in the window, 1...100000.
///   - out: receives the result; same count as `x`, must not overlap it.
/// - Throws: `IndicatorError` for an invalid period or mismatched or overlapping buffers.
public func realizedVolatility(_ x: UnsafeBufferPointer<Double>, period: Int,
                               into out: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.realizedVolatilityPeriod.validate(period, indicator: "realized_vol")
    try BufferChecks.check("realized_vol", inputs: x, outputs: out)
    let begin = Series.firstValid(x)
    let lookback = Lookback.realizedVolatility(period: period)
    let (xs, o) = (Series.tail(x, from: begin), Series.tail(out, from: begin))
    if xs.count > lookback {
        // Squared returns are kept in a ring so the one leaving the window is not recomputed.
        // The ring is full whenever a value leaves, so the oldest sits where the next one goes.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: period) { ring in
            var sum = CompensatedSum()
            var next = 0
            // Window row k is the return at price row k + 1.
            SlidingWindow.slide(count: xs.count - 1, period: period,
                                add: { k in
                                    let r = logReturn(xs[k + 1], xs[k])
                                    ring[next] = r * r
                                    sum.add(r * r)
                                    next = next + 1 == period ? 0 : next + 1
                                },
                                emit: { k in o[k + 1] = Swift.max(sum.value, 0).squareRoot() },
                                drop: { _ in sum.remove(ring[next]) })
        }
    }
    Series.fillWarmUp(out, begin + lookback)
}

/// Realized volatility; see the buffer version.
public func realizedVolatility(_ x: [Double], period: Int) throws -> [Double] {
    try x.withUnsafeBufferPointer { xs in try makeSeries(xs.count) { try realizedVolatility(xs, period: period, into: $0) } }
}
