#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PackKit

/// Simulated SPY-like 1-minute regular-session bars (model in Plugins/zeroedge/docs/data.md).
///
/// A daily walk runs from a fixed origin (the first session of 2020) so that a day's bars are
/// the same whatever range is asked: each day's open, close and volatility come from one
/// sequential stream; its minutes come from a stream of its own (seed, day), bridged to land
/// exactly on the day's close.
public struct BarSimulator: Sendable {
    /// 2020-01-02, the first session of 2020.
    public static let origin: Int32 = 18_263
    public static let originPrice = 320.0
    /// The trend the walk reverts to: SPY's level near the start of each year, joined
    /// log-linearly, then +8 % a year after the last anchor.
    static let trendAnchors: [(day: Int32, logPrice: Double)] = [
        ("2020-01-02", 320.0), ("2021-01-04", 370.0), ("2022-01-03", 475.0), ("2023-01-03", 382.0),
        ("2024-01-02", 472.0), ("2025-01-02", 585.0),
    ].map { (MarketDate.parse($0.0)!, log($0.1)) }
    static let growthAfterAnchors = log(1.08) / 365

    /// Log of the trend price on a day (days since 1970-01-01).
    static func trend(_ day: Int32) -> Double {
        let anchors = trendAnchors
        guard let next = anchors.firstIndex(where: { $0.day >= day }) else {
            return anchors[anchors.count - 1].logPrice + growthAfterAnchors * Double(day - anchors[anchors.count - 1].day)
        }
        guard next > 0 else { return anchors[0].logPrice }
        let (a, b) = (anchors[next - 1], anchors[next])
        return a.logPrice + (b.logPrice - a.logPrice) * Double(day - a.day) / Double(b.day - a.day)
    }

    /// Daily mean reversion of log price toward the trend (half-life ≈ 30 sessions).
    static let reversion = log(2.0) / 30
    static let gapVol = 0.004
    static let intradayVol = 0.0085
    static let volPersistence = 0.97, volOfVol = 0.08
    /// Expected open-to-close variance of a session: the log vol h is a stationary AR(1) with
    /// variance volOfVol² / (1 − φ²), so E[vol²] = intradayVol² × exp(2 var h) (clamps ignored).
    static let meanSessionVariance = intradayVol * intradayVol
        * exp(2 * volOfVol * volOfVol / (1 - volPersistence * volPersistence))
    static let meanDailyVolume = 55_000_000.0

    let seed: UInt64
    let effects: MarketEffects

    public init(seed: UInt64, effects: MarketEffects = .none) {
        self.seed = seed
        self.effects = effects
    }

    /// One session of the daily walk: log prices and the day's scale.
    struct Day {
        var session: NYSECalendar.Session
        var logOpen: Double
        var logClose: Double
        /// Standard deviation of the open-to-close log return.
        var vol: Double
        var volume: Double
    }

    /// The daily walk from the origin through `through`.
    func walk(through: Int32) -> [Day] {
        var random = SimulationSeed.stream(seed, SimulationSeed.dailyWalk)
        var days: [Day] = []
        days.reserveCapacity(Int(through - Self.origin) * 5 / 7 + 1)
        var logClose = log(Self.originPrice), previousDay = Self.origin, h = 0.0
        for session in NYSECalendar.sessions(from: Self.origin, through: through) {
            h = min(1.5, max(-1, Self.volPersistence * h + Self.volOfVol * random.normal()))
            let vol = Self.intradayVol * exp(h)
            let gap = Self.gapVol * random.normal()
            let logOpen = logClose + gap
            let drift = Self.trend(session.day) - Self.trend(previousDay) - Self.reversion * (logClose - Self.trend(previousDay))
                - effects.gapFade * gap
            logClose = logOpen + drift + vol * random.normal()
            let volume = Self.meanDailyVolume * exp(0.25 * random.normal()) * pow(vol / Self.intradayVol, 0.8)
            days.append(Day(session: session, logOpen: logOpen, logClose: logClose, vol: vol, volume: volume))
            previousDay = session.day
        }
        return days
    }

    /// The pin effect of a day: toward the largest open-interest strike of the day's opening
    /// chain (the chain simulator's, same seed), over the session's last minutes; nil without it.
    func pinPull(_ day: Day, minutes: Int) -> IntradayShape.Pull? {
        guard effects.pinPull > 0 else { return nil }
        let openingSpot = IntradayShape.cents(exp(day.logOpen))
        let pin = SimulatedMarketMaker(seed: seed).pinStrike(day: day.session.day, openingSpot: openingSpot,
                                                             strikesEachSide: ChainSimulator.defaultStrikesEachSide)
        return IntradayShape.Pull(logTarget: log(pin), rate: effects.pinPull, from: max(0, minutes - effects.pinMinutes))
    }

    /// 1-minute regular-session bars for every NYSE session in [from, through] (NY dates), columns MarketFrame.barColumns.
    public func bars(from: Int32, through: Int32) throws -> Frame {
        guard from >= Self.origin else {
            throw ComponentError("simulated bars start at \(MarketDate.format(Self.origin)) (the simulator's origin); "
                + "asked from \(MarketDate.format(from))")
        }
        let days = walk(through: through).filter { $0.session.day >= from }
        let count = days.reduce(0) { $0 + $1.session.minutes }
        var ts = [Int64](), columns = [[Double]](repeating: [], count: 5)
        ts.reserveCapacity(count)
        for c in 0..<5 { columns[c].reserveCapacity(count) }
        var shapes: [Int: IntradayShape] = [:]
        for day in days {
            let minutes = day.session.minutes
            let shape = shapes[minutes] ?? IntradayShape(minutes: minutes)
            shapes[minutes] = shape
            var random = SimulationSeed.stream(seed, SimulationSeed.minutes, Int64(day.session.day))
            shape.appendBars(of: day, random: &random, pull: pinPull(day, minutes: minutes), ts: &ts, ohlcv: &columns)
        }
        return try Frame([.timestamp("ts", ts)] + zip(MarketFrame.barColumns.dropFirst(), columns).map { Column.float64($0, $1) })
    }
}
