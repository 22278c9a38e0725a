extension IndicatorParameter {
    static let rsiPeriod = period(default: 14, min: 2, "Wilder smoothing period")
    static let macdFast = period("fast", default: 12, min: 2, "fast EMA period")
    static let macdSlow = period("slow", default: 26, min: 2, "slow EMA period")
    static let macdSignal = period("signal", default: 9, min: 1, "EMA period of the signal line")
}

/// Relative strength index with Wilder smoothing: 100 · avgGain / (avgGain + avgLoss).
///
/// Lookback `period`. Matches TA-Lib `RSI` with its default unstable period 0 and default
/// compatibility, bit for bit: the first average is the plain mean of the first `period`
/// changes, and a window with no movement (gain + loss below 1e-14) gives 0, as TA-Lib does.
/// Leading NaNs are skipped as Python talib does; a later NaN poisons every later output.
/// - Parameters:
///   - x: the input series (usually closes).
///   - period: smoothing period, 2...100000.
///   - out: receives values in 0...100; same count as `x`, must not overlap it.
/// - Throws: `IndicatorError` for an invalid period or mismatched or overlapping buffers.
public func rsi(_ x: UnsafeBufferPointer<Double>, period: Int, into out: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.rsiPeriod.validate(period, indicator: "rsi")
    try BufferChecks.check("rsi", inputs: x, outputs: out)
    let begin = Series.firstValid(x)
    let lookback = Lookback.rsi(period: period)
    let xs = Series.tail(x, from: begin)
    if xs.count > lookback {
        wilderRSI(xs, period: period, into: Series.tail(out, from: begin))
    }
    Series.fillWarmUp(out, begin + lookback)
}

/// Relative strength index; see the buffer version.
public func rsi(_ x: [Double], period: Int) throws -> [Double] {
    try x.withUnsafeBufferPointer { xs in try makeSeries(xs.count) { try rsi(xs, period: period, into: $0) } }
}

/// TA-Lib's RSI loop. The smoothing is written as (avg · (p−1) + change) / p, not as
/// avg + (change − avg) / p, because only TA-Lib's form rounds the same way.
@inline(__always)
private func wilderRSI(_ x: UnsafeBufferPointer<Double>, period: Int, into out: UnsafeMutableBufferPointer<Double>) {
    let p = Double(period)
    let keep = Double(period - 1)
    var gain = 0.0
    var loss = 0.0
    @inline(__always) func value() -> Double {
        let total = gain + loss
        return TALib.isZero(total) ? 0 : 100.0 * (gain / total)
    }
    for i in 1...period {
        let (up, down) = split(x[i] - x[i - 1])
        gain += up
        loss += down
    }
    loss /= p
    gain /= p
    out[period] = value()
    var i = period + 1
    while i < x.count {
        let (up, down) = split(x[i] - x[i - 1])
        loss *= keep
        gain *= keep
        gain += up
        loss += down
        loss /= p
        gain /= p
        out[i] = value()
        i += 1
    }
}

/// A change as (gain, loss) = (max(c, 0), −min(c, 0)), branch-free.
///
/// TA-Lib branches (`if change < 0 { loss -= change } else { gain += change }`). (c + |c|)/2
/// and (|c| − c)/2 are exact and adding 0 is exact, so results are bit-identical, while the
/// random sign of price changes no longer costs branch mispredictions (LLVM turns min/max
/// back into a branch, hence the arithmetic).
@inline(__always)
private func split(_ change: Double) -> (up: Double, down: Double) {
    let size = abs(change)
    return ((change + size) * 0.5, (size - change) * 0.5)
}

/// The three MACD series, each as long as the input.
public struct MACD: Sendable, Hashable {
    /// Fast EMA minus slow EMA.
    public var macd: [Double]
    /// EMA of `macd` over the signal period.
    public var signal: [Double]
    /// `macd - signal`.
    public var histogram: [Double]
}

/// Moving average convergence/divergence: EMA(fast) − EMA(slow), its EMA(signal), and their
/// difference.
///
/// Lookback `max(fast, slow) - 1 + signal - 1` (33 for 12/26/9). Matches TA-Lib `MACD` bit
/// for bit, including its quirk: both EMAs start at the slow EMA's lookback, so the fast EMA
/// is seeded with the mean of the `fast` values ending there rather than at row `fast - 1`.
/// As in TA-Lib, `fast` and `slow` are swapped if `fast > slow`. Leading NaNs are skipped as
/// Python talib does.
/// - Parameters:
///   - x: the input series (usually closes).
///   - fast: fast EMA period, 2...100000.
///   - slow: slow EMA period, 2...100000.
///   - signal: signal EMA period, 1...100000.
///   - macdOut, signalOut, histogramOut: receive the three series; same count as `x`, no
///     overlaps.
/// - Throws: `IndicatorError` for invalid periods or mismatched or overlapping buffers.
public func macd(_ x: UnsafeBufferPointer<Double>, fast: Int, slow: Int, signal: Int,
                 macdOut: UnsafeMutableBufferPointer<Double>, signalOut: UnsafeMutableBufferPointer<Double>,
                 histogramOut: UnsafeMutableBufferPointer<Double>) throws {
    try IndicatorParameter.macdFast.validate(fast, indicator: "macd")
    try IndicatorParameter.macdSlow.validate(slow, indicator: "macd")
    try IndicatorParameter.macdSignal.validate(signal, indicator: "macd")
    try BufferChecks.check("macd", inputs: x, outputs: macdOut, signalOut, histogramOut)
    let (fast, slow) = fast > slow ? (slow, fast) : (fast, slow)
    let begin = Series.firstValid(x)
    let lookback = Lookback.macd(fast: fast, slow: slow, signal: signal)
    let xs = Series.tail(x, from: begin)
    if xs.count > lookback {
        let line = Series.tail(macdOut, from: begin)
        let trigger = Series.tail(signalOut, from: begin)
        let hist = Series.tail(histogramOut, from: begin)
        // The histogram buffer holds the slow EMA until the line is formed: no scratch memory.
        let start = Lookback.ema(period: slow)
        seededEMA(xs, period: slow, k: TALib.emaFactor(period: slow), start: start, into: hist)
        seededEMA(xs, period: fast, k: TALib.emaFactor(period: fast), start: start, into: line)
        for i in start..<xs.count { line[i] -= hist[i] }
        let lineFromStart = UnsafeBufferPointer(Series.tail(line, from: start))
        seededEMA(lineFromStart, period: signal, k: TALib.emaFactor(period: signal),
                  start: Lookback.ema(period: signal), into: Series.tail(trigger, from: start))
        for i in lookback..<xs.count { hist[i] = line[i] - trigger[i] }
    }
    for out in [macdOut, signalOut, histogramOut] { Series.fillWarmUp(out, begin + lookback) }
}

/// MACD line, signal and histogram; see the buffer version.
public func macd(_ x: [Double], fast: Int, slow: Int, signal: Int) throws -> MACD {
    let (line, trigger, hist) = try x.withUnsafeBufferPointer { xs in
        try makeSeries3(xs.count) { try macd(xs, fast: fast, slow: slow, signal: signal, macdOut: $0, signalOut: $1, histogramOut: $2) }
    }
    return MACD(macd: line, signal: trigger, histogram: hist)
}
