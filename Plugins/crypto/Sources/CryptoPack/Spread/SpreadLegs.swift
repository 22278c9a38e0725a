import PackKit

/// The legs of the cross-symbol return spread (BTCUSDT minus ETHUSDT), which every adapter
/// adds to each symbol's frame as `btc_close` and `eth_close`: a leg's close at the bar that
/// starts at the row's own time, NaN when that leg has no such bar (a gap, a source without
/// the symbol). Never an earlier or a later bar: a row then sees both symbols up to its own
/// bar and no further, and a gap shows as missing instead of as a stale or future price.
struct SpreadLegs: Sendable {
    static let symbols = ["BTCUSDT", "ETHUSDT"]
    static let columns = ["btc_close", "eth_close"]

    static let outputSpecs: [ColumnSpec] = [
        .float64("btc_close", allowsNaN: true, "BTCUSDT's close of the bar starting at ts (NaN when BTCUSDT has no such bar): the spread's first leg"),
        .float64("eth_close", allowsNaN: true, "ETHUSDT's close of the bar starting at ts (NaN when ETHUSDT has no such bar): the spread's second leg"),
    ]

    /// Each leg's bars, in `symbols` order; nil = the adapter has none of that symbol.
    var bars: [Klines?]

    /// No leg known: both columns NaN.
    static let none = SpreadLegs(bars: [nil, nil])

    /// Each leg's closes on the rows `ts`.
    func closes(on ts: [Int64]) -> [[Double]] {
        bars.map { leg in
            guard let leg else { return [Double](repeating: .nan, count: ts.count) }
            return ts.map { t in
                let i = Klines.firstIndex(leg.ts, atOrAfter: t)
                return i < leg.count && leg.ts[i] == t ? leg.close[i] : .nan
            }
        }
    }
}
