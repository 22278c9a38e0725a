import Indicators
import PackKit

/// Deterministic bars for the conformance kit: three regular New York sessions of 1-minute
/// bars (2024-07-01 to 2024-07-03, 390 bars each), plus any other float64 column a component
/// declares as input, filled with its own seeded random walk.
enum GoldenFrames {
    static func bars(extraColumns: [String] = [], seed: UInt64 = 7) throws -> Frame {
        var rng = SeededRandom(seed: seed)
        var ts: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        var price = 545.0
        for day in ["2024-07-01", "2024-07-02", "2024-07-03"] {
            let parts = day.split(separator: "-").map { Int64($0)! }
            let midnight = NewYorkCalendar.days(year: parts[0], month: parts[1], day: parts[2]) * 86_400
            // 09:30 New York in July is 13:30 UTC.
            let openUTC = (midnight + 13 * 3_600 + 30 * 60) * 1_000_000_000
            price *= 1 + 0.003 * rng.normal()
            for minute in 0..<390 {
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
