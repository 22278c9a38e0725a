import Foundation

/// Performance metrics of daily simple returns (0.01 = +1 %), risk-free rate 0, defined as
/// empyrical defines them (empyrical-reloaded 0.7.1, the maintained fork that runs on numpy 2),
/// so reports can be checked against the Python tools people already trust.
///
/// empyrical's conventions, kept here on purpose:
/// - A NaN return is a missing day: means and deviations skip it, compounding treats it as 0,
///   but length checks and the years of `annualReturn` still count it.
/// - Empty input gives NaN for every scalar; Sharpe, Sortino and volatility need 2 returns.
/// - Zero dispersion: Sharpe is ±inf for a constant non-zero series and NaN for all zeros;
///   Sortino is +inf when no day is below 0 and the mean is positive, NaN when 0/0.
/// - Calmar is NaN without a drawdown, and NaN rather than infinite.
/// `periods` is the number of returns in a year (252 trading days).
public enum ReturnMetrics {
    /// Compounded growth after each day, starting from 0 (empyrical `cum_returns`).
    public static func cumulativeReturns(_ returns: [Double]) -> [Double] {
        cumulativeGrowth(returns).map { $0 - 1 }
    }

    /// Compounded return over the whole series (empyrical `cum_returns_final`); NaN when empty.
    public static func totalReturn(_ returns: [Double]) -> Double {
        returns.isEmpty ? .nan : finalGrowth(returns) - 1
    }

    /// Compound annual growth rate (empyrical `annual_return`); NaN when empty.
    public static func annualReturn(_ returns: [Double], periods: Int = 252) -> Double {
        guard !returns.isEmpty else { return .nan }
        let years = Double(returns.count) / Double(periods)
        return pow(finalGrowth(returns), 1 / years) - 1
    }

    /// Sample standard deviation (ddof 1) scaled by √periods (empyrical `annual_volatility`).
    public static func annualVolatility(_ returns: [Double], periods: Int = 252) -> Double {
        guard returns.count >= 2 else { return .nan }
        return standardDeviation(present(returns)) * pow(Double(periods), 1 / 2.0)
    }

    /// Mean over sample standard deviation, times √periods (empyrical `sharpe_ratio`).
    /// `periods: 1` gives the per-period Sharpe the deflated Sharpe ratio works with.
    public static func sharpe(_ returns: [Double], periods: Int = 252) -> Double {
        guard returns.count >= 2 else { return .nan }
        let values = present(returns)
        var deviation = standardDeviation(values)
        // empyrical zeroes the deviation of identical values, whose mean may be a bit off them:
        // the ratio is then ±inf or NaN, not an arbitrary 1e15.
        if deviation.isFinite, let low = values.min(), low == values.max() { deviation = 0 }
        return mean(values) / deviation * Double(periods).squareRoot()
    }

    /// Root mean square of the returns below 0, times √periods (empyrical `downside_risk`).
    public static func downsideRisk(_ returns: [Double], periods: Int = 252) -> Double {
        guard !returns.isEmpty else { return .nan }
        let squares = present(returns).map { r in min(r, 0) * min(r, 0) }
        return mean(squares).squareRoot() * Double(periods).squareRoot()
    }

    /// Annualised mean over `downsideRisk`, required return 0 (empyrical `sortino_ratio`).
    public static func sortino(_ returns: [Double], periods: Int = 252) -> Double {
        guard returns.count >= 2 else { return .nan }
        return mean(present(returns)) * Double(periods) / downsideRisk(returns, periods: periods)
    }

    /// Fall from the running peak after each day, ≤ 0 (empyrical `drawdown_series`, whose peak
    /// starts at the initial capital, so a first losing day is already under water).
    public static func drawdowns(_ returns: [Double]) -> [Double] {
        let start = 100.0
        var peak = start
        return cumulativeGrowth(returns).map { growth in
            let value = growth * start
            peak = Double.maximum(peak, value)
            return (value - peak) / peak
        }
    }

    /// Deepest drawdown, ≤ 0 (empyrical `max_drawdown`); NaN when empty.
    public static func maxDrawdown(_ returns: [Double]) -> Double {
        drawdowns(returns).reduce(nil) { deepest, x in deepest.map { Double.minimum($0, x) } ?? x } ?? .nan
    }

    /// `annualReturn` over the depth of `maxDrawdown` (empyrical `calmar_ratio`); NaN when
    /// there is no drawdown or the ratio is infinite.
    public static func calmar(_ returns: [Double], periods: Int = 252) -> Double {
        let deepest = maxDrawdown(returns)
        guard deepest < 0 else { return .nan }
        let ratio = annualReturn(returns, periods: periods) / abs(deepest)
        return ratio.isInfinite ? .nan : ratio
    }

    /// Sample skewness as scipy.stats.skew: `bias: true` (scipy's default) is m3 / m2^1.5, the
    /// moment ratio; `false` is the adjusted Fisher–Pearson G1 (needs 3 values). NaN when the
    /// variance is lost in rounding (scipy's test) and, unlike scipy, whenever all values are
    /// equal: scipy can return ±1 there (e.g. fifty 0.1s), from the last bit of its mean.
    /// A NaN value propagates, as in scipy.
    public static func skewness(_ values: [Double], bias: Bool = true) -> Double {
        let moments = CentralMoments(values)
        guard !moments.isDegenerate else { return .nan }
        let biased = moments.m3 / pow(moments.m2, 1.5)
        let n = Double(values.count)
        guard !bias, values.count > 2 else { return biased }
        return ((n - 1) * n).squareRoot() / (n - 2) * moments.m3 / pow(moments.m2, 1.5)
    }

    /// Sample kurtosis as scipy.stats.kurtosis(fisher: False): NOT excess, 3 for a normal, which
    /// is what the deflated Sharpe ratio takes. `bias: true` (scipy's default) is m4 / m2²;
    /// `false` is the unbiased estimator (needs 4 values). NaN as `skewness`.
    public static func kurtosis(_ values: [Double], bias: Bool = true) -> Double {
        let moments = CentralMoments(values)
        guard !moments.isDegenerate else { return .nan }
        let biased = moments.m4 / (moments.m2 * moments.m2)
        let n = Double(values.count)
        guard !bias, values.count > 3 else { return biased }
        let ratio = (n * n - 1) * moments.m4 / (moments.m2 * moments.m2)
        return 1 / (n - 2) / (n - 3) * (ratio - 3 * (n - 1) * (n - 1)) + 3
    }

    // MARK: - Shared arithmetic

    /// Arithmetic mean, summed in order as bottleneck (which empyrical uses) does; NaN when empty.
    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Sample variance (ddof 1), two-pass like numpy and bottleneck; NaN under 2 values.
    static func sampleVariance(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return .nan }
        let centre = mean(values)
        return values.reduce(0) { sum, x in sum + (x - centre) * (x - centre) } / Double(values.count - 1)
    }

    static func standardDeviation(_ values: [Double]) -> Double { sampleVariance(values).squareRoot() }

    /// The returns that are not missing: empyrical's nan-functions skip NaN.
    private static func present(_ returns: [Double]) -> [Double] { returns.filter { !$0.isNaN } }

    /// Product of 1 + r up to each day, missing days counted as 0 (numpy `cumprod`).
    private static func cumulativeGrowth(_ returns: [Double]) -> [Double] {
        var growth = 1.0
        return returns.map { r in
            growth *= 1 + (r.isNaN ? 0 : r)
            return growth
        }
    }

    /// Product of 1 + r over the series, NaN skipped (numpy `nanprod`).
    private static func finalGrowth(_ returns: [Double]) -> Double {
        returns.reduce(1) { product, r in r.isNaN ? product : product * (r + 1) }
    }
}

/// Central moments about the mean, summed as numpy sums, so that scipy.stats' skew and
/// kurtosis are reproduced to the last bit rather than to 1e-14.
private struct CentralMoments {
    let m2, m3, m4: Double
    /// No spread to speak of: all values equal, or scipy's test m2 ≤ (ε · mean)².
    let isDegenerate: Bool

    init(_ values: [Double]) {
        let centre = Self.mean(values)
        let deviations = values.map { $0 - centre }
        let squares = deviations.map { $0 * $0 }
        m2 = Self.mean(squares)
        m3 = Self.mean(zip(squares, deviations).map { $0 * $1 })
        m4 = Self.mean(squares.map { $0 * $0 })
        isDegenerate = values.allSatisfy { $0 == values.first }
            || m2 <= (Double.ulpOfOne * centre) * (Double.ulpOfOne * centre)
    }

    /// numpy's mean: its pairwise sum over the count; NaN when empty.
    private static func mean(_ values: [Double]) -> Double {
        (0 + pairwiseSum(values[...])) / Double(values.count)
    }

    /// numpy's pairwise summation of a contiguous float64 array: below 8 values a plain loop,
    /// up to 128 eight interleaved accumulators, above that the two halves (cut at a multiple
    /// of 8) summed separately.
    private static func pairwiseSum(_ values: ArraySlice<Double>) -> Double {
        let n = values.count, start = values.startIndex
        if n < 8 { return values.reduce(0, +) }
        if n > 128 {
            let half = n / 2 - (n / 2) % 8
            return pairwiseSum(values.prefix(half)) + pairwiseSum(values.dropFirst(half))
        }
        var lanes = Array(values.prefix(8))
        let blocked = n - n % 8
        for block in stride(from: start + 8, to: start + blocked, by: 8) {
            for lane in 0..<8 { lanes[lane] += values[block + lane] }
        }
        let head = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
        return values.dropFirst(blocked).reduce(head, +)
    }
}
