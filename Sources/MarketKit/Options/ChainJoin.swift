import Indicators
import PackKit

extension MarketFrame {
    /// Snapshots older than this at a bar's end are not joined to it.
    public static let defaultMaxChainAge: Int64 = 15 * 60 * 1_000_000_000

    /// `bars` (bar columns, sorted by `ts`) with the chain columns of `MarketFrame` appended:
    /// each bar gets the latest snapshot stamped at or before its end, on the same New York
    /// date, at most `maxAge` old; otherwise NaN. `snapshots` must be sorted by `ts`.
    public static func attach(_ snapshots: [ChainSnapshot], to bars: Frame, maxAge: Int64 = defaultMaxChainAge) throws -> Frame {
        try attach(summaries: snapshots.map { (ts: $0.ts, summary: ChainSummary($0)) }, to: bars, maxAge: maxAge)
    }

    /// `attach` for snapshots already summarised (sorted by `ts`).
    public static func attach(summaries stamped: [(ts: Int64, summary: ChainSummary)], to bars: Frame,
                              maxAge: Int64 = defaultMaxChainAge) throws -> Frame {
        let ts = try bars.timestamps()
        let summaries = stamped.map(\.summary.values)
        let snapshots = stamped
        let width = chainColumns.count
        var columns = (0..<width).map { _ in [Double](repeating: .nan, count: ts.count) }
        var next = 0
        var current = -1
        for row in 0..<ts.count {
            let end = ts[row] + bar
            while next < snapshots.count, snapshots[next].ts <= end {
                current = next
                next += 1
            }
            guard current >= 0 else { continue }
            let snapshot = snapshots[current]
            guard end - snapshot.ts <= maxAge, newYorkDate(snapshot.ts) == newYorkDate(ts[row]) else { continue }
            columns[0][row] = Double(end - snapshot.ts) / 1e9
            for c in 1..<width { columns[c][row] = summaries[current][c - 1] }
        }
        let chain = try Frame(zip(chainColumns, columns).map { Column.float64($0, $1) })
        return try bars.selecting(barColumns).appending(chain)
    }
}
