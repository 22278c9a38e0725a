import Foundation

/// Is the mean of a series of event returns different from zero, when the returns of
/// neighbouring events overlap in time? The t-statistic uses the Newey–West (HAC) standard
/// error with a Bartlett kernel, because forward returns over h bars of events closer than h
/// bars share bars and are autocorrelated; a plain standard error would overstate t.
///
/// The numbers are statsmodels' `OLS(x, ones).fit(cov_type='HAC', cov_kwds={'maxlags': L})`
/// (no small-sample correction) and its default p-value, which for HAC is two-sided from the
/// **normal** distribution: p = erfc(|t| / √2).
public struct MeanTest: Sendable, Equatable {
    public var n: Int
    public var mean: Double
    /// Sample standard deviation (ddof 1); NaN below 2 values.
    public var std: Double
    /// Newey–West standard error of the mean.
    public var standardError: Double
    public var t: Double
    /// Two-sided, normal; NaN when t is undefined (fewer than 2 values, or no variation).
    public var p: Double

    /// The test of `x` with `lag` Bartlett lags (use horizon − 1 for h-bar forward returns).
    public init(_ x: [Double], lag: Int) {
        var residuals: [Double] = []
        self = x.withUnsafeBufferPointer { MeanTest($0, lag: lag, residuals: &residuals) }
    }

    /// The same test over a buffer, with `residuals` as reusable room for x − mean: phase 2
    /// runs hundreds of tests and keeps one allocation for all of them.
    init(_ x: UnsafeBufferPointer<Double>, lag: Int, residuals: inout [Double]) {
        n = x.count
        guard n > 0 else {
            (mean, std, standardError, t, p) = (.nan, .nan, .nan, .nan, .nan)
            return
        }
        let m = x.reduce(0, +) / Double(n)
        mean = m
        residuals.removeAll(keepingCapacity: true)
        var sumSquares = 0.0
        for v in x {
            let e = v - m
            residuals.append(e)
            sumSquares += e * e
        }
        std = n > 1 ? (sumSquares / Double(n - 1)).squareRoot() : .nan
        let s = sumSquares + residuals.withUnsafeBufferPointer { MeanTest.bartlettCovariances($0, lag: lag) }
        standardError = n > 1 && s > 0 ? s.squareRoot() / Double(n) : .nan
        t = standardError.isFinite && standardError > 0 ? m / standardError : .nan
        p = t.isFinite ? erfc(abs(t) / 2.0.squareRoot()) : .nan
    }

    /// The test of −x, from this one: the mean and t change sign, the rest is the same (IEEE
    /// sums and products are symmetric in sign, so this equals testing −x bit for bit).
    var negated: MeanTest {
        var test = self
        test.mean = -mean
        test.t = -t
        return test
    }

    /// 2 Σ_j (1 − j/(L+1)) Σ_i e_i e_{i−j} for j = 1…L: the autocovariance part of the
    /// Newey–West long-run variance (lags past the data add nothing).
    ///
    /// One pass over i feeds every lag's sum: each sum still adds its products in i order
    /// (the result is the lag-by-lag loop's, bit for bit), but the adds of different lags do
    /// not wait on each other, and the inner loop over lags vectorises.
    static func bartlettCovariances(_ e: UnsafeBufferPointer<Double>, lag: Int) -> Double {
        let lags = min(max(lag, 0), e.count - 1)
        guard lags > 0, let x = e.baseAddress else { return 0 }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: lags) { sums in
            // sums[m] holds lag j = lags − m, so both sums and x[i − j] run forwards in m.
            sums.initialize(repeating: 0)
            for i in 1..<e.count {
                let xi = x[i]
                for m in max(lags - i, 0)..<lags { sums[m] += xi * x[i - lags + m] }
            }
            var total = 0.0
            for j in 1...lags { total += 2 * (1 - Double(j) / Double(lag + 1)) * sums[lags - j] }
            return total
        }
    }

    /// A two-sided normal confidence interval of the mean at `level` (0.95 → ±1.96 s.e.).
    public func interval(level: Double = 0.95) -> (low: Double, high: Double) {
        let z = Normal.quantile(0.5 + level / 2)
        return (mean - z * standardError, mean + z * standardError)
    }
}
