import Foundation
import MarketKit
import PackKit

/// Deterministic ES futures sessions (docs/data.md): each CME Globex trading day is a
/// function of (seed, day) alone, so any query returns the same bars for the same day.
/// New York 04:00 to the RTH close (16:00, or the session's early close), 1-minute bars of the
/// front month with top of book and signed volume, a thinner back month (about 4 % of the
/// volume) counted in `total_volume`, and the dealers' 0DTE gamma exposure (`DealerGamma`).
///
/// Planted effect (`effects: all`): when the price enters the ±2.5-point zone of a level it can
/// see (premarket high/low from 09:30, opening-range high/low from 09:45), the resting size on
/// the level's side is drawn large (150–300 contracts) or small (10–40) with equal odds; a large
/// barrier then pushes the price back 0.25 points a minute for 25 minutes (a bounce), a small one
/// pushes it through (a break). `effects: none` draws the same sizes with no push.
struct ESSimulator {
    let seed: UInt64
    let effects: Bool
    /// Days whose back month trades 1.3× the front (a purity failure on purpose), for tests and demos.
    let backHeavyDays: Set<Int32>

    static let tick = 0.25
    /// The planted effect's drift, points a minute for 25 minutes: about 6 points, so the
    /// 15-point barriers are likelier on its side, not certain (0.5 made them near certain:
    /// Sharpe 11.6 on the default run; README "The es0dte pack").
    static let pushPerMinute = 0.25

    func sessions(from start: Int32, through end: Int32) throws -> ESBars {
        let newYork = try SessionClock.newYork()
        let globex = ShippedCalendars.cmeGlobex(zone: try SessionClock.chicago())
        var out = ESBars()
        guard start <= end else { return out }
        for day in start...end {
            guard let session = globex.session(on: day) else { continue }
            out.append(try self.session(day: day, closeAt: session.close, zone: newYork))
        }
        return out
    }

    /// One session's bars, New York 04:00 to min(16:00, the Globex close).
    func session(day: Int32, closeAt globexClose: Int64, zone: ZoneClock) throws -> ESBars {
        var rng = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: day)) &* 0xD1B5_4A32_D192_ED03)
        let first = zone.instant(day: day, minute: SessionClock.premarketOpen)
        let close16 = zone.instant(day: day, minute: SessionClock.rthClose)
        let end = min(close16, globexClose)
        let anchor = ESSimulator.round(4800 + 300 * sin(Double(day) / 45) + 40 * rng.normal())
        let gamma = DealerGamma(day: day, anchor: anchor, vol: 0.14 + 0.03 * sin(Double(day) / 17), seed: seed)
        let front = Contracts.frontAndBack(on: day).front
        var bars = ESBars()
        var levels = SimLevels()
        var push = (minutesLeft: 0, perMinute: 0.0)
        var barrier = (minutesLeft: 0, side: 0, size: 0.0)
        var price = anchor
        var t = first
        while t < end {
            let minute = SessionClock.premarketOpen + Int((t - first) / SessionClock.minute)
            let rth = minute >= SessionClock.rthOpen
            // Volatility: quiet premarket, a busy open decaying to midday.
            let sigma = rth ? 0.9 + 1.2 * exp(-Double(minute - SessionClock.rthOpen) / 45) : 0.45
            let drift = push.minutesLeft > 0 ? push.perMinute : 0
            if push.minutesLeft > 0 { push.minutesLeft -= 1 }
            let o = price
            let c = ESSimulator.round(o + drift + sigma * rng.normal())
            let h = ESSimulator.round(max(o, c) + abs(sigma * rng.normal()) * 0.5)
            let l = ESSimulator.round(min(o, c) - abs(sigma * rng.normal()) * 0.5)
            // Entering a visible level's zone draws its barrier (and, with effects, the push).
            if rth, push.minutesLeft == 0, let level = levels.entered(previous: o, now: c, minute: minute) {
                let side = o < level ? 1 : -1
                let large = rng.uniform() < 0.5
                let size = large ? 150 + 150 * rng.uniform() : 10 + 30 * rng.uniform()
                barrier = (6, side, size.rounded())
                if effects { push = (25, Double(large ? -side : side) * ESSimulator.pushPerMinute) }
            }
            let shape = rth ? 400 + 1200 * exp(-Double(minute - SessionClock.rthOpen) / 60) + 300 * exp(-Double(SessionClock.rthClose - minute) / 30) : 90
            let volume = (shape * (0.7 + 0.6 * rng.uniform())).rounded()
            let backVolume = (volume * (backHeavyDays.contains(day) ? 1.3 : 0.04 * (0.5 + rng.uniform()))).rounded()
            let bidPrice = rng.uniform() < 0.5 ? c : c - ESSimulator.tick
            var bidSize = (30 + 50 * rng.uniform()).rounded(), askSize = (30 + 50 * rng.uniform()).rounded()
            if barrier.minutesLeft > 0 {
                if barrier.side > 0 { askSize = barrier.size } else { bidSize = barrier.size }
                barrier.minutesLeft -= 1
            }
            let imbalance = max(-1, min(1, (c - o) / (2 * sigma)))
            let signed = (volume * (0.8 * imbalance + 0.2 * (2 * rng.uniform() - 1))).rounded()
            let atm = (c / ESBars.strikeStep).rounded() * ESBars.strikeStep
            let years = Double(close16 - (t + SessionClock.minute)) / 1e9 / (365 * 86_400)
            bars.ts.append(t); bars.open.append(o); bars.high.append(h); bars.low.append(l); bars.close.append(c)
            bars.volume.append(volume); bars.totalVolume.append(volume + backVolume)
            bars.contract.append(front)
            bars.bid.append(bidPrice); bars.ask.append(bidPrice + ESSimulator.tick)
            bars.bidSize.append(bidSize); bars.askSize.append(askSize); bars.signedVolume.append(signed)
            bars.atmStrike.append(atm)
            for (k, offset) in ESBars.strikeOffsets.enumerated() {
                bars.gex[k].append(gamma.exposure(strike: atm + Double(offset) * ESBars.strikeStep, spot: c, years: years))
            }
            levels.record(high: h, low: l, minute: minute)
            price = c
            t += SessionClock.minute
        }
        return bars
    }

    static func round(_ x: Double) -> Double { (x / tick).rounded() * tick }
}

/// The levels the simulator's planted effect reacts to, as they become visible.
struct SimLevels {
    var premarket: (high: Double, low: Double)?
    var openingRange: (high: Double, low: Double)?
    static let openingRangeMinutes = 15

    mutating func record(high: Double, low: Double, minute: Int) {
        if minute < SessionClock.rthOpen {
            premarket = premarket.map { (max($0.high, high), min($0.low, low)) } ?? (high, low)
        } else if minute < SessionClock.rthOpen + SimLevels.openingRangeMinutes {
            openingRange = openingRange.map { (max($0.high, high), min($0.low, low)) } ?? (high, low)
        }
    }

    /// The visible level whose ±2.5-point zone the close enters on this bar, if any.
    func entered(previous: Double, now: Double, minute: Int) -> Double? {
        var visible: [Double] = []
        if let p = premarket { visible += [p.high, p.low] }
        if minute >= SessionClock.rthOpen + SimLevels.openingRangeMinutes, let o = openingRange { visible += [o.high, o.low] }
        return visible.first { abs(now - $0) <= 2.5 && abs(previous - $0) > 2.5 }
    }
}
