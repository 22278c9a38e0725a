#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indicators
import PackKit

/// Simulated 0DTE chains priced on a bar path, real or simulated (model in docs/data.md).
public struct ChainSimulator: Sendable {
    let seed: UInt64
    let strikesEachSide: Int

    public static let defaultStrikesEachSide = 25
    /// Implied variance over expected realised variance, minus one (docs/data.md).
    public static var varianceRiskPremium: Double { SimulatedMarketMaker.varianceRiskPremium }

    public init(seed: UInt64, strikesEachSide: Int = defaultStrikesEachSide) {
        self.seed = seed
        self.strikesEachSide = strikesEachSide
    }

    /// 0DTE snapshots every `minutes` from each session's open to its close, priced on `bars`
    /// (regular-session 1-minute bars, real or simulated): the snapshot at T uses the close of the bar ending
    /// at T (the open of the first bar for T = open). Never uses a bar that ends after T.
    public func snapshots(for bars: Frame, every minutes: Int = 5) throws -> [ChainSnapshot] {
        var result: [ChainSnapshot] = []
        try forEachSnapshot(for: bars, every: minutes) { result.append($0) }
        return result
    }

    /// The same snapshots as `snapshots(for:every:)`, one at a time: a year of chains is
    /// ~1.5 M quotes, which callers that only summarise them need not hold at once.
    public func forEachSnapshot(for bars: Frame, every minutes: Int = 5, _ body: (ChainSnapshot) throws -> Void) throws {
        guard minutes > 0 else { throw ComponentError("snapshot interval must be positive, got \(minutes) minutes") }
        let ts = Array(try bars.timestamps()), open = Array(try bars.float64("open")), close = Array(try bars.float64("close"))
        try Self.checkPrices(ts: ts, ("open", open), ("close", close))
        var start = 0
        while start < ts.count {
            let day = newYorkDate(ts[start])
            var end = start
            while end < ts.count, newYorkDate(ts[end]) == day { end += 1 }
            if let session = NYSECalendar.session(on: day) {
                try appendDay(session, bars: start..<end, ts: ts, open: open, close: close, every: minutes, to: body)
            }
            start = end
        }
    }

    /// Time to a 0DTE expiry in trading time: the session's remaining share of expected variance
    /// (the bar simulator's U-shaped minute variance) over 252 sessions a year, at least the last
    /// minute's so the close itself is not priced at zero time (convention in docs/data.md).
    public static func tradingYears(session: NYSECalendar.Session, at t: Int64) -> Double {
        tradingYears(shape: IntradayShape(minutes: Int((session.close - session.open) / MarketFrame.bar)), session: session, at: t)
    }

    /// `tradingYears(session:at:)` for many instants of one session, the intraday shape built
    /// once (it costs four exponentials a minute; a full session's, once a process): the same
    /// numbers, bit for bit.
    public static func tradingYearsClock(session: NYSECalendar.Session) -> (Int64) -> Double {
        let shape = IntradayShape.of(minutes: Int((session.close - session.open) / MarketFrame.bar))
        return { tradingYears(shape: shape, session: session, at: $0) }
    }

    static func tradingYears(shape: IntradayShape, session: NYSECalendar.Session, at t: Int64) -> Double {
        let elapsed = Int((t - session.open) / MarketFrame.bar)
        return max(shape.remainingVariance(afterMinutes: elapsed), shape.variance.last!) / SimulatedMarketMaker.sessionsPerYear
    }

    /// Highest price the simulator accepts: strikes are whole dollars around the spot, so a
    /// larger (or non-finite, or non-positive) price would overflow the strike grid.
    public static let maximumPrice = 1e7

    /// Refuses bars the chain cannot be priced on, naming the column and the bar, instead of
    /// trapping later when a strike is rounded to an integer.
    static func checkPrices(ts: [Int64], _ columns: (String, [Double])...) throws {
        for (name, values) in columns {
            if let i = values.firstIndex(where: { !($0.isFinite && $0 > 0 && $0 <= maximumPrice) }) {
                throw ComponentError("cannot price a chain on bar \(i) (ts \(ts[i])): \(name) is \(values[i]); "
                    + "prices must be finite, positive and at most \(maximumPrice)")
            }
        }
    }

    func appendDay(_ session: NYSECalendar.Session, bars: Range<Int>, ts: [Int64], open: [Double], close: [Double],
                   every minutes: Int, to emit: (ChainSnapshot) throws -> Void) rethrows {
        let maker = SimulatedMarketMaker(seed: seed)
        let base = maker.baseVolatility(day: session.day)
        let step = Int64(minutes) * MarketFrame.bar
        let shape = IntradayShape.of(minutes: Int((session.close - session.open) / MarketFrame.bar))
        var activity: ActivityCache? = nil
        var last = bars.lowerBound - 1  // the latest bar ending at or before T
        var t = session.open
        while t <= session.close {
            while last + 1 < bars.upperBound, ts[last + 1] + MarketFrame.bar <= t { last += 1 }
            let spot: Double
            if last >= bars.lowerBound {
                spot = close[last]
            } else if ts[bars.lowerBound] <= t {
                spot = open[bars.lowerBound]  // the first bar has started: its open is known
            } else {
                t += step
                continue
            }
            if activity == nil { activity = ActivityCache(maker: maker, day: session.day, openingSpot: spot, margin: strikesEachSide + 200) }
            let years = Self.tradingYears(shape: shape, session: session, at: t)
            let atm = intradayVolatility(base: base, closes: close, through: last, from: bars.lowerBound, session: session.open,
                                         ts: ts, shape: shape)
            let elapsed = pow(Double(t - session.open) / Double(session.close - session.open), 0.8)
            let market = maker.market(spot: spot, years: years)
            let center = Int(spot.rounded())
            var quotes: [OptionQuote] = []
            quotes.reserveCapacity(4 * strikesEachSide + 2)
            for k in (center - strikesEachSide)...(center + strikesEachSide) {
                let strike = Double(k)
                let a = activity!.get(k)
                let pair = maker.quotes(strike: strike, market: market, atm: atm, activity: a, elapsed: elapsed)
                quotes.append(pair.call)
                quotes.append(pair.put)
            }
            try emit(ChainSnapshot(ts: t, expiry: session.day, spot: spot, quotes: quotes))
            t += step
        }
    }

    /// The day's ATM vol nudged toward the realised vol of the session so far (the last 30
    /// minutes that have ended), so IV rises on days that move; never looks past `through`.
    /// The realised variance is divided by those minutes' share of the session's expected
    /// variance, then by 252 sessions, so realised and implied are on the same trading-time basis.
    func intradayVolatility(base: Double, closes: [Double], through last: Int, from first: Int, session open: Int64,
                            ts: [Int64], shape: IntradayShape) -> Double {
        let from = max(first, last - 30)
        guard last - from >= 10 else { return base }
        var sum = 0.0, share = 0.0
        for i in (from + 1)...last {
            let r = log(closes[i] / closes[i - 1]); sum += r * r
            let minute = Int((ts[i] - open) / MarketFrame.bar)
            share += shape.variance.indices.contains(minute) ? shape.variance[minute] : 1 / Double(shape.variance.count)
        }
        let realised = (sum / share * SimulatedMarketMaker.sessionsPerYear).squareRoot()
        return min(0.60, max(0.06, 0.75 * base + 0.25 * realised))
    }
}

/// Per-strike activity is fixed for the day; an array around the opening strike caches it (a
/// dictionary lookup per quote would cost about as much as pricing the quote).
private struct ActivityCache {
    let maker: SimulatedMarketMaker
    let day: Int32
    let openingSpot: Double
    let base: Int
    var slots: [SimulatedMarketMaker.StrikeActivity?]

    init(maker: SimulatedMarketMaker, day: Int32, openingSpot: Double, margin: Int) {
        self.maker = maker
        self.day = day
        self.openingSpot = openingSpot
        base = Int(openingSpot.rounded()) - margin
        slots = Array(repeating: nil, count: 2 * margin + 1)
    }

    mutating func get(_ strike: Int) -> SimulatedMarketMaker.StrikeActivity {
        let slot = strike - base
        if slots.indices.contains(slot), let cached = slots[slot] { return cached }
        let value = maker.activity(day: day, strike: Double(strike), openingSpot: openingSpot)
        if slots.indices.contains(slot) { slots[slot] = value }
        return value
    }
}
