#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PackKit

/// How the chain simulator turns a spot, a time and a strike into quotes: the day's ATM
/// volatility, the smile, the bid/ask and the open interest (model in docs/data.md).
struct SimulatedMarketMaker {
    static let rate = 0.045, dividend = 0.013
    /// 0DTE options run on trading time: a session's expected variance is 1/252 of a year.
    static let sessionsPerYear = 252.0
    /// Variance risk premium: implied variance ≈ expected realised × (1 + premium), as in listed index options.
    static let varianceRiskPremium = 0.15
    /// The daily ATM vol is ivCenter × exp(0.25 x), x a stationary AR(1) (φ = 0.9) of daily shocks.
    /// ivCenter is the bar simulator's mean session variance (BarSimulator.meanSessionVariance,
    /// ≈ (0.95 %)², ≈ 15 % a year) with the premium, less the mean lift exp(0.25² / 2) of the noise.
    static let ivCenter = (BarSimulator.meanSessionVariance * sessionsPerYear * (1 + varianceRiskPremium)).squareRoot()
        * exp(-0.25 * 0.25 / 2), ivSpread = 0.25, ivPersistence = 0.9, ivMemory = 60
    /// Smile in standardised moneyness m = ln(K/S) / (σ√τ), clamped to ±4: puts richer.
    static let skew = -0.08, curvature = 0.02, moneynessLimit = 4.0

    let seed: UInt64

    /// The day's ATM implied vol, from the shocks of the last `ivMemory` calendar days only,
    /// so a day's level does not depend on which range is simulated.
    func baseVolatility(day: Int32) -> Double {
        var x = 0.0, weight = 1.0
        for lag in 0..<Self.ivMemory {
            var random = SimulationSeed.stream(seed, SimulationSeed.chainDay, Int64(day) - Int64(lag))
            x += weight * random.normal()
            weight *= Self.ivPersistence
        }
        x *= (1 - Self.ivPersistence * Self.ivPersistence).squareRoot()
        return min(0.40, max(0.08, Self.ivCenter * exp(Self.ivSpread * x)))
    }

    /// Implied vol of a strike when the ATM vol is `atm`.
    func smile(atm: Double, logStrikeOverSpot: Double, sqrtYears: Double) -> Double {
        let m = min(Self.moneynessLimit, max(-Self.moneynessLimit, logStrikeOverSpot / (atm * sqrtYears)))
        return atm * (1 + Self.skew * m + Self.curvature * m * m)
    }

    /// Bid and ask around the model price: one cent plus 1 % of the price, so far-OTM options
    /// trade at a cent or two and their relative spread is wide; bid ≥ 0, ask > bid.
    func bidAsk(_ price: Double) -> (bid: Double, ask: Double) {
        let half = 0.5 * (0.01 + 0.01 * price)
        let bid = max(0, ((price - half) * 100 + 1e-9).rounded(.down) / 100)
        let ask = max(bid + 0.01, ((price + half) * 100 - 1e-9).rounded(.up) / 100)
        return (bid, ask)
    }

    /// Open interest and full-day volume of one strike, fixed for the day: a hump around the
    /// day's opening spot (puts heavier below, calls above), much larger at multiples of 5 and 10.
    struct StrikeActivity {
        var callOpenInterest, putOpenInterest, callVolume, putVolume: Double
    }

    func activity(day: Int32, strike: Double, openingSpot: Double) -> StrikeActivity {
        var random = SimulationSeed.stream(seed, SimulationSeed.strike, Int64(day), Int64(strike.rounded()))
        let k = Int(strike.rounded())
        let roundness = k % 10 == 0 ? 5.0 : k % 5 == 0 ? 2.5 : 1.0
        let distance = (strike - openingSpot) / openingSpot
        let hump = exp(-abs(distance) / 0.012)
        func noisy(_ scale: Double) -> Double { (scale * exp(0.4 * random.normal())).rounded() }
        let base = 6_000 * roundness * hump
        let vol = 20_000 * roundness * exp(-abs(distance) / 0.006)
        return StrikeActivity(callOpenInterest: noisy(base * (distance >= 0 ? 1.0 : 0.6)),
                              putOpenInterest: noisy(base * (distance <= 0 ? 1.3 : 0.6)),
                              callVolume: noisy(vol * (distance >= 0 ? 1.0 : 0.5)),
                              putVolume: noisy(vol * (distance <= 0 ? 1.1 : 0.5)))
    }

    /// The day's pin: the strike with the largest call + put open interest among those the
    /// opening snapshot quotes (ties to the lower strike), as `ChainSummary` reads it there.
    func pinStrike(day: Int32, openingSpot: Double, strikesEachSide: Int) -> Double {
        let center = Int(openingSpot.rounded())
        var best = (strike: center, interest: -1.0)
        for k in (center - strikesEachSide)...(center + strikesEachSide) {
            let a = activity(day: day, strike: Double(k), openingSpot: openingSpot)
            if a.callOpenInterest + a.putOpenInterest > best.interest { best = (k, a.callOpenInterest + a.putOpenInterest) }
        }
        return Double(best.strike)
    }

    /// The pricing inputs every strike of a snapshot shares.
    func market(spot: Double, years: Double) -> BlackScholes.Market {
        BlackScholes.Market(spot: spot, years: years, rate: Self.rate, dividend: Self.dividend)
    }

    /// Both quotes of a strike at one instant.
    func quotes(strike: Double, market: BlackScholes.Market, atm: Double, activity: StrikeActivity,
                elapsed: Double) -> (call: OptionQuote, put: OptionQuote) {
        let logMoneyness = log(market.spot / strike)
        let iv = smile(atm: atm, logStrikeOverSpot: -logMoneyness, sqrtYears: market.sqrtT)
        let both = market.pair(strike: strike, logMoneyness: logMoneyness, vol: iv)
        func quote(_ right: OptionRight, _ g: BlackScholes.Greeks, _ oi: Double, _ volume: Double) -> OptionQuote {
            let (bid, ask) = bidAsk(g.price)
            return OptionQuote(right: right, strike: strike, bid: bid, ask: ask, iv: iv, delta: g.delta, gamma: g.gamma,
                               theta: g.theta, vega: g.vega, openInterest: oi, volume: (volume * elapsed).rounded())
        }
        return (quote(.call, both.call, activity.callOpenInterest, activity.callVolume),
                quote(.put, both.put, activity.putOpenInterest, activity.putVolume))
    }
}
