#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Black–Scholes–Merton for European options with a continuous rate and dividend yield.
///
/// Conventions are the SPXW vendor file's (checked against it in the tests): `years` is
/// calendar time (days / 365), theta is per YEAR (divide by 365 for a calendar day), vega is
/// per 1.00 of volatility (divide by 100 for one vol point), gamma per 1.00 of spot.
public enum BlackScholes {
    public struct Greeks: Sendable, Equatable {
        public var price, delta, gamma, theta, vega: Double

        public init(price: Double, delta: Double, gamma: Double, theta: Double, vega: Double) {
            self.price = price
            self.delta = delta
            self.gamma = gamma
            self.theta = theta
            self.vega = vega
        }
    }

    /// European option price and greeks; `years` > 0 and `vol` > 0.
    public static func greeks(_ right: OptionRight, spot: Double, strike: Double, years: Double, vol: Double,
                              rate: Double = 0, dividend: Double = 0) -> Greeks {
        let both = pair(spot: spot, strike: strike, years: years, vol: vol, rate: rate, dividend: dividend)
        return right == .call ? both.call : both.put
    }

    /// The call and the put of one strike from one evaluation (they share d1, d2, the density
    /// and the discounting), for chains priced by the thousand. Tails use N(−x), not 1 − N(x),
    /// so far out-of-the-money prices keep their digits.
    public static func pair(spot: Double, strike: Double, years: Double, vol: Double,
                            rate: Double = 0, dividend: Double = 0) -> (call: Greeks, put: Greeks) {
        Market(spot: spot, years: years, rate: rate, dividend: dividend).pair(strike: strike, logMoneyness: log(spot / strike), vol: vol)
    }

    /// What all strikes of one snapshot share, computed once: pricing a chain then costs one
    /// density and four tail probabilities per strike.
    struct Market {
        let spot, years, rate, dividend, sqrtT, discountQ, discountR: Double

        init(spot: Double, years: Double, rate: Double, dividend: Double) {
            self.spot = spot
            self.years = years
            self.rate = rate
            self.dividend = dividend
            sqrtT = years.squareRoot()
            discountQ = exp(-dividend * years)
            discountR = exp(-rate * years)
        }

        /// `logMoneyness` = ln(spot / strike).
        func pair(strike: Double, logMoneyness: Double, vol: Double) -> (call: Greeks, put: Greeks) {
            let volSqrtT = vol * sqrtT
            let d1 = (logMoneyness + (rate - dividend + 0.5 * vol * vol) * years) / volSqrtT
            let d2 = d1 - volSqrtT
            let pdf1 = normalPDF(d1)
            let gamma = discountQ * pdf1 / (spot * volSqrtT)
            let vega = spot * discountQ * pdf1 * sqrtT
            let decay = -spot * discountQ * pdf1 * vol / (2 * sqrtT)
            let forward = spot * discountQ, pv = strike * discountR
            let (n1, n2, m1, m2) = (normalCDF(d1), normalCDF(d2), normalCDF(-d1), normalCDF(-d2))
            let call = Greeks(price: forward * n1 - pv * n2, delta: discountQ * n1, gamma: gamma,
                              theta: decay - rate * pv * n2 + dividend * forward * n1, vega: vega)
            let put = Greeks(price: pv * m2 - forward * m1, delta: -discountQ * m1, gamma: gamma,
                             theta: decay + rate * pv * m2 - dividend * forward * m1, vega: vega)
            return (call, put)
        }
    }

    /// The volatility whose price equals `price`, to 1e-10 in price; nil when the price is
    /// outside the no-arbitrage bounds (below intrinsic value or above the forward's bound).
    public static func impliedVolatility(_ right: OptionRight, price: Double, spot: Double, strike: Double,
                                         years: Double, rate: Double = 0, dividend: Double = 0) -> Double? {
        guard price.isFinite, spot > 0, strike > 0, years > 0 else { return nil }
        let forwardSpot = spot * exp(-dividend * years), discountedStrike = strike * exp(-rate * years)
        let lower = max(0, right == .call ? forwardSpot - discountedStrike : discountedStrike - forwardSpot)
        let upper = right == .call ? forwardSpot : discountedStrike
        guard price > lower, price < upper else { return nil }
        // Bisection keeps the bracket; a Newton step inside it is taken when it lands there.
        var low = 1e-6, high = 10.0, vol = 0.2
        for _ in 0..<200 {
            let g = greeks(right, spot: spot, strike: strike, years: years, vol: vol, rate: rate, dividend: dividend)
            let error = g.price - price
            if abs(error) < 1e-10 { return vol }
            if error > 0 { high = vol } else { low = vol }
            let newton = g.vega > 1e-12 ? vol - error / g.vega : .nan
            vol = newton > low && newton < high ? newton : 0.5 * (low + high)
            if high - low < 1e-14 { return vol }
        }
        return vol
    }

    @inline(__always)
    static func normalPDF(_ x: Double) -> Double { 0.398_942_280_401_432_7 * exp(-0.5 * x * x) }

    @inline(__always)
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x * 0.707_106_781_186_547_5) }
}
