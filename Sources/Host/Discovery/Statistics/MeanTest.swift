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
        n = x.count
        guard n > 0 else {
            (mean, std, standardError, t, p) = (.nan, .nan, .nan, .nan, .nan)
            return
        }
        let m = x.reduce(0, +) / Double(n)
        mean = m
        let e = x.map { $0 - m }
        var sumSquares = 0.0
        for v in e { sumSquares += v * v }
        std = n > 1 ? (sumSquares / Double(n - 1)).squareRoot() : .nan
        let s = sumSquares + MeanTest.bartlettCovariances(e, lag: lag)
        standardError = n > 1 && s > 0 ? s.squareRoot() / Double(n) : .nan
        t = standardError.isFinite && standardError > 0 ? m / standardError : .nan
        p = t.isFinite ? erfc(abs(t) / 2.0.squareRoot()) : .nan
    }

    /// 2 Σ_j (1 − j/(L+1)) Σ_i e_i e_{i−j} for j = 1…L: the autocovariance part of the
    /// Newey–West long-run variance (lags past the data add nothing).
    static func bartlettCovariances(_ e: [Double], lag: Int) -> Double {
        let lags = min(max(lag, 0), e.count - 1)
        guard lags > 0 else { return 0 }
        return e.withUnsafeBufferPointer { e in
            var total = 0.0
            for j in 1...lags {
                var c = 0.0
                for i in j..<e.count { c += e[i] * e[i - j] }
                total += 2 * (1 - Double(j) / Double(lag + 1)) * c
            }
            return total
        }
    }

    /// A two-sided normal confidence interval of the mean at `level` (0.95 → ±1.96 s.e.).
    public func interval(level: Double = 0.95) -> (low: Double, high: Double) {
        let z = Normal.quantile(0.5 + level / 2)
        return (mean - z * standardError, mean + z * standardError)
    }
}
