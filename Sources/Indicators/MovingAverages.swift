extension IndicatorParameter {
    static let smaPeriod = period(default: 20, min: 2, "number of bars averaged")
    static let emaPeriod = period(default: 20, min: 2, "EMA span; smoothing factor 2 / (period + 1)")
}

/// Simple moving average of the last `period` values.
///
/// Lookback `period - 1`. Matches TA-Lib `SMA` (`talib.SMA(x, timeperiod=period)`) bit for bit.
/// Leading NaNs are skipped as Python talib does; a NaN after the first valid value makes
/// every later output NaN, as in TA-Lib's C code.
/// - Parameters:
///   - x: the input series.
///   - period: window length, 2...100000.
///   - out: receives the result; same count as `x`, must not overlap it.
/// - Throws: `IndicatorError` for an invalid period or mismatched or overlapping buffers.
public func sma(_ x: UnsafeBufferPointer<Double>, period: Int, into out: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.smaPeriod.validate(period, indicator: "sma")
    try BufferChecks.check("sma", inputs: x, outputs: out)
    let begin = Series.firstValid(x)
    let tail = Series.tail(out, from: begin)
    SlidingWindow.means(Series.tail(x, from: begin), period: period) { tail[$0] = $1 }
    Series.fillWarmUp(out, begin + Lookback.sma(period: period))
}

/// Simple moving average of the last `period` values; see the buffer version.
public func sma(_ x: [Double], period: Int) throws -> [Double] {
    try x.withUnsafeBufferPointer { xs in try makeSeries(xs.count) { try sma(xs, period: period, into: $0) } }
}

/// Exponential moving average with smoothing factor 2 / (period + 1), seeded with the SMA of
/// the first `period` values.
///
/// Lookback `period - 1`. Matches TA-Lib `EMA` (default compatibility) bit for bit. Leading
/// NaNs are skipped as Python talib does; a later NaN poisons every later output.
/// - Parameters:
///   - x: the input series.
///   - period: EMA span, 2...100000.
///   - out: receives the result; same count as `x`, must not overlap it.
/// - Throws: `IndicatorError` for an invalid period or mismatched or overlapping buffers.
public func ema(_ x: UnsafeBufferPointer<Double>, period: Int, into out: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.emaPeriod.validate(period, indicator: "ema")
    try BufferChecks.check("ema", inputs: x, outputs: out)
    let begin = Series.firstValid(x)
    let lookback = Lookback.ema(period: period)
    let xs = Series.tail(x, from: begin)
    if xs.count > lookback {
        seededEMA(xs, period: period, k: TALib.emaFactor(period: period), start: lookback,
                  into: Series.tail(out, from: begin))
    }
    Series.fillWarmUp(out, begin + lookback)
}

/// Exponential moving average seeded with an SMA; see the buffer version.
public func ema(_ x: [Double], period: Int) throws -> [Double] {
    try x.withUnsafeBufferPointer { xs in try makeSeries(xs.count) { try ema(xs, period: period, into: $0) } }
}

/// TA-Lib's `TA_INT_EMA`: the EMA whose first value, at row `start`, is the mean of the
/// `period` values ending there. Writes rows `start...` only. MACD needs the general `start`
/// because TA-Lib starts its fast EMA where the slow one starts, not at its own lookback.
@inline(__always)
func seededEMA(_ x: UnsafeBufferPointer<Double>, period: Int, k: Double, start: Int,
               into out: UnsafeMutableBufferPointer<Double>) {
    var seedSum = 0.0
    for i in (start - period + 1)...start { seedSum += x[i] }
    var value = seedSum / Double(period)
    out[start] = value
    var i = start + 1
    while i < x.count {
        value = ((x[i] - value) * k) + value
        out[i] = value
        i += 1
    }
}
