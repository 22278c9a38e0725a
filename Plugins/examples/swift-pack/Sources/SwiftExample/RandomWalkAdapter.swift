import PackKit

/// Deterministic 1-minute bars from a seeded random walk, so the example runs offline.
enum RandomWalkAdapter {
    static let adapter = DataAdapter(ComponentInfo(
        id: "random-walk", description: "Seeded random-walk 1-minute bars (no files, no network)",
        params: [.int("seed", default: 42, "random seed"), .int("rows", default: 10_000, min: 1, max: 50_000_000, "number of bars")],
        outputs: [.timestamp("ts"), .float64("open"), .float64("high"), .float64("low"), .float64("close"), .float64("volume")]
    )) { _, params in
        FrameList(try bars(seed: UInt64(try params.int("seed")), rows: try params.int("rows")))
    }

    /// Batches of at most 65,536 rows, as an adapter reading a large file would stream them.
    static func bars(seed: UInt64, rows: Int) throws -> [Frame] {
        var rng = SeededRandom(seed: seed)
        let start: Int64 = 1_704_205_800 * 1_000_000_000  // 2024-01-02 14:30 UTC
        var price = 470.0
        var batches: [Frame] = []
        var row = 0
        while row < rows {
            let n = min(65_536, rows - row)
            var ts = [Int64](), open = [Double](), high = [Double](), low = [Double](), close = [Double](), volume = [Double]()
            for i in 0..<n {
                let o = price
                price *= 1 + 0.0005 * rng.normal()
                let wiggle = abs(rng.normal()) * 0.0002 * price
                ts.append(start + Int64(row + i) * 60_000_000_000)
                open.append(o)
                close.append(price)
                high.append(max(o, price) + wiggle)
                low.append(min(o, price) - wiggle)
                volume.append(Double(10_000 + Int(rng.next() % 50_000)))
            }
            batches.append(try Frame([.timestamp("ts", ts), .float64("open", open), .float64("high", high),
                                      .float64("low", low), .float64("close", close), .float64("volume", volume)]))
            row += n
        }
        return batches
    }
}
