/// The few numeric conventions of TA-Lib 0.6 that the kernels must reproduce to stay
/// bit-identical with it.
enum TALib {
    /// TA-Lib 0.6's `TA_EPSILON`: variances and RSI denominators below it count as zero.
    /// (TA-Lib 0.4 used 1e-8; the Python oracle pins the 0.6 behaviour.)
    static let epsilon = 1e-14

    /// TA-Lib's `TA_IS_ZERO`.
    @inline(__always)
    static func isZero(_ v: Double) -> Bool { -epsilon < v && v < epsilon }

    /// Standard deviation from a running-sum variance, as TA-Lib's `TA_STDDEV` and `TA_BBANDS`
    /// do it: cancellation can leave a tiny or negative variance, which TA-Lib rounds to 0.
    @inline(__always)
    static func standardDeviation(variance: Double) -> Double {
        variance < epsilon ? 0 : variance.squareRoot()
    }

    /// TA-Lib's `PER_TO_K`, the EMA smoothing factor 2 / (period + 1).
    @inline(__always)
    static func emaFactor(period: Int) -> Double { 2.0 / Double(period + 1) }

    /// TA-Lib's upper bound on every period parameter.
    static let maxPeriod = 100_000
}
