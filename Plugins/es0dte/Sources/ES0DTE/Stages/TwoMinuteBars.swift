/// 2-minute closes with the premarket and earlier sessions as warm-up (stage 3), and their
/// simple moving averages. Buckets are aligned on the clock (UTC minute pairs, so a cut of
/// the history never moves them). A bucket is complete at its second minute's bar, or, when
/// that minute has no bar, at the next bar of a later bucket (its close is then the last bar
/// of the bucket). Row i sees only buckets completed by its own bar: causal, and a function of
/// the last 2·period + 2 bars.
enum TwoMinuteBars {
    static let bucket: Int64 = 120_000_000_000

    /// SMA over the last `period` completed 2-minute closes as of each row; NaN before `period` exist.
    ///
    /// Each average is summed afresh from its own window, oldest close first (not a running
    /// sum): its bits then depend only on the window, never on where the data starts, so a
    /// build from March and one from April agree to the bit and per-date partitions assemble
    /// into the one-shot matrix. `period` additions per 2-minute close is cheap.
    static func sma(ts: [Int64], close: [Double], period: Int) -> [Double] {
        var closes: [Double] = []
        var current = Double.nan
        var out = [Double](repeating: .nan, count: ts.count)
        var closedBucket = Int64.min
        func add(_ x: Double) {
            closes.append(x)
            guard closes.count >= period else { return }
            var sum = 0.0
            for c in closes[(closes.count - period)...] { sum += c }
            current = sum / Double(period)
        }
        for i in ts.indices {
            let b = floorDiv(ts[i], bucket)
            if i > 0, floorDiv(ts[i - 1], bucket) != b, closedBucket != floorDiv(ts[i - 1], bucket) {
                add(close[i - 1])
                closedBucket = floorDiv(ts[i - 1], bucket)
            }
            if ts[i] - b * bucket >= bucket / 2 {
                add(close[i])
                closedBucket = b
            }
            out[i] = current
        }
        return out
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
