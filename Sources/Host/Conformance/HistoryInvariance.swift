import Foundation
import PackKit

/// History invariance: a feature computed with only its declared lookback of history before a
/// row must give the row the value it has with all the history. Live, a feature sees the
/// lookback the host fetched; a value that depends on how much older history it was given (a
/// recursive EMA seeded too late, a running sum from the first bar) differs between the
/// backtest and live trading. Prefix truncation (`CausalityCheck`) cannot see that: it cuts
/// the future, not the past.
///
/// At `pointCount` deterministic rows spread over the data after the warm-up, the feature is
/// recomputed on the rows from the start of the row's declared history through the row and
/// `blockRows` more (each of them has at least the declared history), and those rows are
/// compared with the full-history values. Two values agree when they are both NaN or when
/// |a − b| ≤ `relativeTolerance` × max(|a|, |b|, the column's mean |value|): rolling sums
/// legitimately differ in their last digits with their starting row (`close_z_30` by ~7e-9),
/// while a real dependence on old history differs by far more; the column's scale keeps a
/// value crossing zero from being held to an impossible standard.
public enum HistoryInvariance {
    public static let relativeTolerance = 1e-6
    public static let pointCount = 8
    public static let blockRows = 16

    /// A lookback as the ABI declares it: history needed before the first valid output.
    public struct Lookback: Sendable, Equatable, CustomStringConvertible {
        public var bars: Int
        public var nanoseconds: Int64

        public init(bars: Int, nanoseconds: Int64 = 0) {
            self.bars = max(bars, 0)
            self.nanoseconds = max(nanoseconds, 0)
        }

        public var description: String {
            nanoseconds > 0 ? "\(bars) bars / \(nanoseconds / 1_000_000_000) s" : "\(bars) bars"
        }
    }

    /// The largest disagreement found, with the lookback it was found with.
    public struct Violation: Sendable, CustomStringConvertible {
        public var column: String
        public var row: Int
        public var full: Double
        public var windowed: Double
        /// |a − b| / max(|a|, |b|, scale); infinite when only one is NaN.
        public var difference: Double
        public var lookback: Lookback
        /// The smallest lookback in bars found to pass (nil: none within the data).
        public var passingBars: Int?
        /// Rows of data the search could use.
        public var rows: Int

        public var description: String {
            let fix = passingBars.map { "a lookback of \($0) bars would pass" }
                ?? "no lookback within the \(rows) rows of data passes: it depends on all the history it is given (a running sum or state kept from the first bar)"
            return "output '\(column)' at row \(row) is \(full) with all the history but \(windowed) with only its declared lookback (\(lookback)) before it: relative difference \(difference.formatted) > \(HistoryInvariance.relativeTolerance); \(fix)"
        }
    }

    /// Compares `compute` on each point's declared history with `full` (the outputs on all of
    /// `input`); when some point disagrees, searches a lookback that passes. nil: invariant.
    /// `ts` are the rows' times (for a lookback in nanoseconds).
    public static func check(input: Frame, full: Frame, ts: Int64Column, lookback: Lookback,
                             compute: (Frame) throws -> Frame) throws -> Violation? {
        let scales = Dictionary(uniqueKeysWithValues: full.columns.compactMap { c -> (String, Double)? in
            guard case .float64(let v) = c.data else { return nil }
            return (c.name, meanMagnitude(v))
        })
        guard var violation = try worst(input: input, full: full, ts: ts, lookback: lookback, scales: scales, compute: compute) else { return nil }
        violation.passingBars = try passingBars(input: input, full: full, ts: ts, from: lookback, scales: scales, compute: compute)
        violation.rows = input.rowCount
        return violation
    }

    /// Rows with at least `lookback` of history before them, spread evenly; none when no row has it.
    static func points(ts: Int64Column, lookback: Lookback) -> [Int] {
        let ready = WarmUp.readyRow(bars: lookback.bars, nanoseconds: lookback.nanoseconds, ts: ts)
        guard ready < ts.count else { return [] }
        let span = ts.count - 1 - ready
        return Array(Set((0..<pointCount).map { ready + span * $0 / max(pointCount - 1, 1) })).sorted()
    }

    /// The first row of `lookback` history before row `p` (the ABI's rule, as `WarmUp`'s).
    static func windowStart(_ p: Int, ts: Int64Column, lookback: Lookback) -> Int {
        var start = p - lookback.bars
        if lookback.nanoseconds > 0 {
            start = min(start, MatrixBuilder.lastRow(ts, atOrBefore: ts[p] - lookback.nanoseconds) ?? 0)
        }
        return max(start, 0)
    }

    /// The largest disagreement over the points, or nil when every compared row agrees.
    static func worst(input: Frame, full: Frame, ts: Int64Column, lookback: Lookback, scales: [String: Double],
                      compute: (Frame) throws -> Frame) throws -> Violation? {
        var worst: Violation?
        for p in points(ts: ts, lookback: lookback) {
            let start = windowStart(p, ts: ts, lookback: lookback), end = min(p + blockRows, input.rowCount)
            let windowed = try compute(input.rows(start..<end))
            for column in full.columns {
                guard case .float64(let a) = column.data, case .float64(let b)? = windowed[column.name], b.count == end - start else { continue }
                for row in p..<end {
                    let d = difference(a[row], b[row - start], scale: scales[column.name] ?? 0)
                    if d > relativeTolerance, d > (worst?.difference ?? 0) {
                        worst = Violation(column: column.name, row: row, full: a[row], windowed: b[row - start],
                                          difference: d, lookback: lookback, passingBars: nil, rows: input.rowCount)
                    }
                }
            }
        }
        return worst
    }

    /// Doubles the lookback in bars until every point agrees, then bisects down to the
    /// smallest that does; nil when even all the data before the points does not.
    static func passingBars(input: Frame, full: Frame, ts: Int64Column, from lookback: Lookback, scales: [String: Double],
                            compute: (Frame) throws -> Frame) throws -> Int? {
        func passes(_ bars: Int) throws -> Bool? {
            let candidate = Lookback(bars: bars, nanoseconds: lookback.nanoseconds)
            guard !points(ts: ts, lookback: candidate).isEmpty else { return nil }
            return try worst(input: input, full: full, ts: ts, lookback: candidate, scales: scales, compute: compute) == nil
        }
        var failing = lookback.bars, bars = max(lookback.bars * 2, 1)
        while true {
            // A lookback no row has in this data cannot be shown to pass.
            guard let ok = try passes(bars) else { return nil }
            if ok { break }
            failing = bars
            bars *= 2
        }
        var passing = bars
        while passing - failing > 1 {
            let mid = failing + (passing - failing) / 2
            if try passes(mid) == true { passing = mid } else { failing = mid }
        }
        return passing
    }

    /// 0 when equal (NaN equals NaN), infinite when only one is NaN, else the relative difference.
    static func difference(_ a: Double, _ b: Double, scale: Double) -> Double {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .infinity }
        if a == b { return 0 }
        let d = abs(a - b)
        guard d.isFinite else { return .infinity }
        return d / max(abs(a), abs(b), scale)
    }

    /// The mean |value| of the finite values (0 when none): the column's scale.
    static func meanMagnitude(_ values: Float64Column) -> Double {
        var sum = 0.0, n = 0.0
        for v in values where v.isFinite { sum += abs(v); n += 1 }
        return n > 0 ? sum / n : 0
    }
}

private extension Double {
    /// "7.1e-09"-style, short enough for a message.
    var formatted: String {
        guard isFinite else { return "\(self)" }
        return String(format: "%.3g", self)
    }
}
