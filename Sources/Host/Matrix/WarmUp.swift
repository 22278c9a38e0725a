import MarketKit
import PackKit

/// Decisions taken before some feature can have its declared lookback in the data the adapter
/// returned. They are dropped from the matrix and reported, not counted as missing data: a
/// z-score over 20 sessions has no value on a file's first 20 sessions, and that says nothing
/// about the quality of the file.
///
/// Precisely: the adapter's first bar is row 0. A feature declaring `lookbackBars` L and
/// `lookbackNanoseconds` N is *ready* from the first row r with r ≥ L and ts[r] − ts[0] ≥ N (the
/// ABI's lookback is the history needed before the first valid output). A decision is warm-up
/// when, for some feature, the row its value would be read from (the last row known at the
/// decision) is missing or not ready. Nothing is guessed from NaNs: a NaN after warm-up counts.
public struct WarmUp: Sendable {
    /// One feature's readiness: its lookback and the time of its first ready row (nil: never, in this data).
    public struct Feature: Sendable {
        public let name: String
        public let lookbackBars: Int
        public let lookbackNanoseconds: Int64
        public let readyFrom: Int64?
    }

    /// The adapter's first bar (nil when it returned none).
    public let firstBar: Int64?
    /// Features that need any history, in the set's order.
    public let features: [Feature]
    /// Per feature (every feature of the set), the first ready row of the market frame.
    let readyRows: [Int]
    /// Decisions in the requested range that were dropped, and the trading days they fall on.
    public private(set) var decisions = 0
    public private(set) var sessions = 0

    init(_ computers: [FeatureComputer], ts: Int64Column) {
        firstBar = ts.count > 0 ? ts[0] : nil
        readyRows = computers.map { WarmUp.readyRow(bars: $0.lookbackBars, nanoseconds: $0.lookbackNanoseconds, ts: ts) }
        features = zip(computers, readyRows).compactMap { computer, row in
            guard row > 0 else { return nil }
            return Feature(name: computer.spec.name, lookbackBars: computer.lookbackBars, lookbackNanoseconds: computer.lookbackNanoseconds,
                           readyFrom: row < ts.count ? ts[row] : nil)
        }
    }

    /// The first row with `bars` rows before it and at least `nanoseconds` since row 0; `ts.count` when none.
    static func readyRow(bars: Int, nanoseconds: Int64, ts: Int64Column) -> Int {
        guard ts.count > 0 else { return 0 }
        // The first row at or after ts[0] + nanoseconds: one past the last row before it.
        let timed = nanoseconds > 0 ? (MatrixBuilder.lastRow(ts, atOrBefore: ts[0] + nanoseconds - 1) ?? -1) + 1 : 0
        return min(max(bars, timed), ts.count)
    }

    /// Whether decision `i` is warm-up, its features being read from rows `known[f][i]` (nil = no row yet).
    func isWarmUp(_ i: Int, known: [[Int?]]) -> Bool {
        zip(known, readyRows).contains { rows, ready in (rows[i] ?? -1) < ready }
    }

    /// Records the dropped decisions (their times).
    mutating func dropped(_ ts: [Int64], market: Market) {
        decisions = ts.count
        sessions = Set(ts.map { market.day($0) }).count
    }

    /// Records dropped decisions counted elsewhere (the dates of a partitioned build).
    mutating func dropped(decisions: Int, sessions: Int) {
        self.decisions = decisions
        self.sessions = sessions
    }

    /// "warm-up: 21 sessions, 126 decisions dropped"; nil when nothing was dropped.
    public var line: String? {
        guard decisions > 0 else { return nil }
        return "warm-up: \(sessions) session\(sessions == 1 ? "" : "s"), \(decisions) decision\(decisions == 1 ? "" : "s") dropped"
    }

    /// The features that are ready last: what the warm-up waits for, named in messages.
    var binding: String {
        let latest = features.map { $0.readyFrom ?? .max }.max()
        return features.filter { ($0.readyFrom ?? .max) == latest }.map { f in
            "\(f.name) (lookback \(f.lookbackBars) bars\(f.lookbackNanoseconds > 0 ? ", \(f.lookbackNanoseconds / 1_000_000_000) s" : ""))"
        }.joined(separator: ", ")
    }

    /// Why a range holds nothing but warm-up, for the refusal of a build and the preview's failure.
    var allDroppedReason: String {
        let from = firstBar.map { "the data starts at \(Timestamps.iso($0))" } ?? "the adapter returned no bars"
        return "every decision in the range is warm-up (\(decisions) dropped): \(binding) cannot have its lookback yet; \(from). Start later or give the adapter earlier data"
    }

    public var json: JSON {
        .object([
            "decisions_dropped": .number(Double(decisions)), "sessions": .number(Double(sessions)),
            "first_bar": firstBar.map { .string(Timestamps.iso($0)) } ?? .null,
            "features": .object(Dictionary(uniqueKeysWithValues: features.map { f in
                (f.name, JSON.object(["lookback_bars": .number(Double(f.lookbackBars)), "lookback_ns": .number(Double(f.lookbackNanoseconds)),
                                      "ready_from": f.readyFrom.map { .string(Timestamps.iso($0)) } ?? .null]))
            })),
        ])
    }
}
