import MarketKit
import PackKit

/// Deterministic bars for the conformance kit: three regular sessions of the market's
/// calendar in 1-minute bars, the sessions of trading days 2024-07-01 to 2024-07-03 (on NYSE
/// 390 bars each from 09:30 New York; on Globex 1,380 from 17:00 Chicago the day before; on
/// 24x7 1,440 from midnight), plus any other float64 column a component declares as input,
/// filled with its own seeded random walk.
enum GoldenFrames {
    static func bars(market: Market = .nyse, extraColumns: [String] = [], seed: UInt64 = 7) throws -> Frame {
        var rng = SeededRandom(seed: seed)
        var ts: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        var price = 545.0
        let first = MarketDate.parse("2024-07-01")!
        // A regular session's length throughout: golden bars ignore early closes (July 3).
        let opens = market.calendar.sessions(from: first, through: first + 2).map(\.open)
        for openUTC in opens {
            price *= 1 + 0.003 * rng.normal()
            for minute in 0..<market.sessionMinutes {
                let o = price
                price *= 1 + 0.0006 * rng.normal()
                let wiggle = abs(rng.normal()) * 0.0003 * price
                ts.append(openUTC + Int64(minute) * 60_000_000_000)
                open.append(o)
                close.append(price)
                high.append(max(o, price) + wiggle)
                low.append(min(o, price) - wiggle)
                volume.append(Double(50_000 + rng.next() % 200_000))
            }
        }
        var columns: [Column] = [.timestamp("ts", ts), .float64("open", open), .float64("high", high),
                                 .float64("low", low), .float64("close", close), .float64("volume", volume)]
        for name in extraColumns where !["ts", "open", "high", "low", "close", "volume"].contains(name) {
            var level = 1.0
            columns.append(.float64(name, ts.map { _ in
                level += 0.01 * rng.normal()
                return level
            }))
        }
        return try Frame(columns)
    }
}
