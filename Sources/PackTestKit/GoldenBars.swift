import PackKit

/// Deterministic OHLCV bars in any golden market, for a pack's own tests and for the
/// conformance checks: a seeded random walk over the market's sessions, no files needed.
public enum GoldenBars {
    /// `sessions` sessions of `market` from its default start (or `start`, "YYYY-MM-DD"), one
    /// row per bar open time (`ts`), with `open/high/low/close/volume` and any other float64
    /// column named in `extraColumns` (its own random walk around 1), as a component declaring
    /// it as input would need. Same arguments, same bytes.
    public static func frame(_ market: GoldenMarket = .newYorkRTH, sessions: Int = 3, start: String? = nil,
                             seed: UInt64 = 7, extraColumns: [String] = []) throws -> Frame {
        guard (1...604_800).contains(market.barSeconds) else {
            throw GoldenFrameError("\(market.name): bar length \(market.barSeconds) s is not between 1 s and a week")
        }
        let step = Int(market.barSeconds) * 1_000_000_000  // Int64.Stride is Int (64-bit here)
        let ts = try market.sessions(from: start, count: sessions).flatMap { stride(from: $0.open, to: $0.close, by: step) }
        var rng = SeededRandom(seed: seed)
        var walk = Walk(price: 100)
        let bars = ts.map { _ in walk.bar(&rng) }
        var columns: [Column] = [.timestamp("ts", ts), .float64("open", bars.map(\.open)), .float64("high", bars.map(\.high)),
                                 .float64("low", bars.map(\.low)), .float64("close", bars.map(\.close)),
                                 .float64("volume", bars.map(\.volume))]
        let taken = Set(columns.map(\.name))
        columns += extraColumns.filter { !taken.contains($0) }.map { .float64($0, drift(rows: ts.count, &rng)) }
        return try Frame(columns)
    }

    /// A level wandering around 1, for a declared input that is not a price.
    static func drift(rows: Int, _ rng: inout SeededRandom) -> [Double] {
        var level = 1.0
        return (0..<rows).map { _ in
            level += 0.01 * rng.normal()
            return level
        }
    }

    /// One bar after another: each opens at the previous close.
    struct Walk {
        var price: Double
        mutating func bar(_ rng: inout SeededRandom) -> (open: Double, high: Double, low: Double, close: Double, volume: Double) {
            let open = price
            price *= 1 + 0.0008 * rng.normal()
            let spread = abs(rng.normal()) * 0.0004 * price
            return (open, max(open, price) + spread, min(open, price) - spread, price, Double(1_000 + rng.next() % 9_000))
        }
    }
}
