#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Log returns: `r[i] = ln(x[i] / x[i-1])`, with `r[0] = NaN`.
///
/// Lookback 1. No TA-Lib equivalent; equals `numpy.log(x[1:] / x[:-1])`. Purely row-wise, so
/// a NaN input only affects the two returns that use it.
/// - Parameters:
///   - x: the price series (must be positive).
///   - out: receives the result; same count as `x`, must not overlap it.
/// - Throws: `IndicatorError` for mismatched or overlapping buffers.
public func logReturns(_ x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) throws {
    try BufferChecks.check("log_return", inputs: x, outputs: out)
    var i = 1
    while i < x.count {
        out[i] = logReturn(x[i], x[i - 1])
        i += 1
    }
    Series.fillWarmUp(out, Lookback.logReturns())
}

/// Log returns; see the buffer version.
public func logReturns(_ x: [Double]) throws -> [Double] {
    try x.withUnsafeBufferPointer { xs in try makeSeries(xs.count) { try logReturns(xs, into: $0) } }
}

/// One log return, divided first and then logged, as the numpy reference does.
@inline(__always)
func logReturn(_ current: Double, _ previous: Double) -> Double { log(current / previous) }
