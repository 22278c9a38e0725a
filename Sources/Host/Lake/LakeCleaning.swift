import Foundation
import PackKit

/// The clean stage's rules on one day's rows (`Lake.clean` applies them per partition).
public struct LakeCleaning: Sendable {
    /// The bar length (ns); nil = the day's most frequent step.
    public var bar: Int64?
    /// A 24/7 calendar: the day's first bar is due at 00:00 and its last one bar before 24:00.
    public var allDay: Bool

    public init(bar: Int64?, allDay: Bool) {
        self.bar = bar
        self.allDay = allDay
    }

    /// The day's rows sorted by time, repeated timestamps dropped (the first kept) and bad bars
    /// (non-finite or non-positive prices, high below low, open or close, low above them,
    /// negative volume) rejected, with the counts and gaps for the partition's manifest.
    public func clean(_ raw: LakeTable, day: Int32, what: String) throws -> (LakeTable, JSON) {
        let prices = try ["open", "high", "low", "close"].map { name in
            try raw.column(name) ?? { throw WorkspaceError("\(what): no '\(name)' column (it has: \(raw.names.joined(separator: ", ")))") }()
        }
        let volume = raw.column("volume")
        var outOfOrder = 0
        for i in 1..<max(raw.count, 1) where raw.ts[i] < raw.ts[i - 1] { outOfOrder += 1 }
        let order = raw.ts.indices.sorted { (raw.ts[$0], $0) < (raw.ts[$1], $1) }
        var keep: [Int] = [], duplicates = 0, bad = 0
        for i in order {
            if let last = keep.last, raw.ts[last] == raw.ts[i] { duplicates += 1; continue }
            let (o, h, l, c) = (prices[0][i], prices[1][i], prices[2][i], prices[3][i])
            let positive = [o, h, l, c].allSatisfy { $0.isFinite && $0 > 0 }
            guard positive, h >= l, h >= max(o, c), l <= min(o, c), (volume?[i]).map({ !($0 < 0) }) ?? true else { bad += 1; continue }
            keep.append(i)
        }
        let table = raw.rows(keep)
        let gaps = self.gaps(table.ts, day: day)
        let counts: JSON = .object([
            "raw_rows": .number(Double(raw.count)), "out_of_order": .number(Double(outOfOrder)), "duplicates": .number(Double(duplicates)),
            "bad_bars": .number(Double(bad)), "missing_bars": .number(Double(gaps.map(\.missing).reduce(0, +))),
            "gaps": .array(gaps.map { .object(["start": .string(Timestamps.iso($0.start)), "missing": .number(Double($0.missing))]) }),
        ])
        return (table, counts)
    }

    /// Missing bars of one day's sorted timestamps: (first missing bar's start, bars missing).
    public func gaps(_ ts: [Int64], day: Int32) -> [(start: Int64, missing: Int64)] {
        guard let bar = bar ?? Self.commonStep(ts) else { return [] }
        var stamps = ts
        let dayStart = Int64(day) * 86_400_000_000_000
        if allDay { stamps = [dayStart - bar] + stamps + [dayStart + 86_400_000_000_000] }
        var out: [(start: Int64, missing: Int64)] = []
        for i in 1..<max(stamps.count, 1) where stamps[i] - stamps[i - 1] > bar {
            out.append((stamps[i - 1] + bar, (stamps[i] - stamps[i - 1]) / bar - 1))
        }
        return out.filter { $0.missing > 0 }
    }

    /// The most frequent step between timestamps (the smallest on a tie); nil under two rows.
    static func commonStep(_ ts: [Int64]) -> Int64? {
        var counts: [Int64: Int] = [:]
        for i in 1..<max(ts.count, 1) where ts[i] > ts[i - 1] { counts[ts[i] - ts[i - 1], default: 0] += 1 }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }
}
