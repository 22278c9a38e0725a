#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The risk-neutral breach probability of a put: P(S_T < K) = N(−d2) under Black–Scholes with
/// no rate and no dividend (for a day or less they move it by far less than the vol does).
/// A feature of every decision and the baseline the model must beat out of sample.
public enum RiskNeutral {
    /// N(−d2), d2 = (ln(F/K) − σ²τ/2) / (σ√τ) with F the forward (the spot by default); NaN
    /// when an input is not a positive finite number.
    public static func breachProbability(spot: Double, strike: Double, years: Double, vol: Double) -> Double {
        guard spot > 0, strike > 0, years > 0, vol > 0, spot.isFinite, strike.isFinite, years.isFinite, vol.isFinite else { return .nan }
        let volSqrtT = vol * years.squareRoot()
        let d2 = (log(spot / strike) - 0.5 * vol * vol * years) / volSqrtT
        return normalCDF(-d2)
    }

    /// ln(K/S) in implied standard deviations of the remaining move (negative below spot).
    public static func distanceInSD(spot: Double, strike: Double, years: Double, vol: Double) -> Double {
        guard spot > 0, strike > 0, years > 0, vol > 0 else { return .nan }
        return log(strike / spot) / (vol * years.squareRoot())
    }

    /// Tails with erfc, not 1 − erf, so far out-of-the-money probabilities keep their digits.
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x * 0.707_106_781_186_547_5) }
}
