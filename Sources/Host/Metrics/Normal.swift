import Foundation

/// The standard normal distribution, to the precision of scipy.stats.norm (the deflated Sharpe
/// ratio's p-values and its expected maximum Sharpe go through it).
public enum Normal {
    /// Φ(x). Like cephes' ndtr, erf near 0 and erfc in the tails, so small tail probabilities
    /// keep their relative precision instead of rounding to 0 or 1.
    public static func cdf(_ x: Double) -> Double {
        let half = 0.5.squareRoot()
        let z = x * half
        if abs(z) < half { return 0.5 + 0.5 * erf(z) }
        let tail = 0.5 * erfc(abs(z))
        return z > 0 ? 1 - tail : tail
    }

    /// Φ⁻¹(p): -inf at 0, +inf at 1, NaN outside [0, 1]. Acklam's rational approximation
    /// (relative error 1.2e-9) polished by one Halley step on `cdf`, which brings it to
    /// rounding error. Upper-half p are mirrored (1 - p is exact there), so the Halley step
    /// always works in the lower tail where erfc is precise.
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p > 0.5 { return -quantile(1 - p) }
        let x = Acklam.lowerHalf(p)
        let u = (cdf(x) - p) * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        // Past p ≈ 1e-308 exp overflows; Acklam's estimate is then the best there is.
        guard u.isFinite else { return x }
        return x - u / (1 + x * u / 2)
    }
}

/// Peter Acklam's algorithm for the normal quantile, coefficients as he published them.
private enum Acklam {
    static let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    static let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                    6.680131188771972e+01, -1.328068155288572e+01, 1]
    static let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    static let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                    3.754408661907416e+00, 1]
    /// Below this p the tail formula is used, above it the central one.
    static let lowTail = 0.02425

    /// The estimate for 0 < p ≤ 0.5.
    static func lowerHalf(_ p: Double) -> Double {
        if p < lowTail {
            let q = (-2 * log(p)).squareRoot()
            return horner(c, q) / horner(d, q)
        }
        let q = p - 0.5
        let r = q * q
        return horner(a, r) * q / horner(b, r)
    }

    /// The polynomial with `coefficients` (highest power first) at x.
    private static func horner(_ coefficients: [Double], _ x: Double) -> Double {
        coefficients.reduce(0) { $0 * x + $1 }
    }
}
