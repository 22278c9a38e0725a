#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MarketKit

/// A 0DTE put priced on the law of the rest of the session: ln(S_T / S) ~ N(drift, dailyVol² ·
/// remaining), `remaining` the session's share of variance still to come. The price is the
/// expected payoff E[(K − S_T)⁺] (no rate: it is paid within the day); the implied vol is the
/// annualised vol on the trading-time clock (252 sessions a year), so N(−d2) from it and
/// the forward `expectedClose` is the breach probability. Greeks are Black–Scholes' at that vol.
struct FairPut {
    let spot: Double
    let drift: Double
    let dailyVol: Double
    let remaining: Double

    static let sessionsPerYear = 252.0

    var years: Double { remaining / Self.sessionsPerYear }
    var impliedVol: Double { dailyVol * Self.sessionsPerYear.squareRoot() }
    /// E[S_T] = S · exp(drift + s²/2): the forward N(−d2) is taken from, so it is the breach probability.
    var expectedClose: Double { spot * exp(drift + dailyVol * dailyVol * remaining / 2) }

    /// E[(K − S_T)⁺] = K·N(k) − E[S_T]·N(k − s), k = (ln(K/S) − drift) / s, s = the sd of ln(S_T/S).
    func price(strike: Double) -> Double {
        let s = dailyVol * remaining.squareRoot()
        let k = (log(strike / spot) - drift) / s
        return strike * RiskNeutral.normalCDF(k) - spot * exp(drift + s * s / 2) * RiskNeutral.normalCDF(k - s)
    }

    /// The quote: bid and ask around the price as the chain simulator spreads them (one cent
    /// plus 1 % of the price, SPY scale, bid ≥ 0, ask > bid).
    func quote(strike: Double) -> OptionQuote {
        let price = price(strike: strike)
        let g = BlackScholes.greeks(.put, spot: spot, strike: strike, years: years, vol: impliedVol)
        let half = 0.5 * (0.01 + 0.01 * price)
        let bid = max(0, ((price - half) * 100 + 1e-9).rounded(.down) / 100)
        let ask = max(bid + 0.01, ((price + half) * 100 - 1e-9).rounded(.up) / 100)
        return OptionQuote(right: .put, strike: strike, bid: bid, ask: ask, iv: impliedVol, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega)
    }
}
