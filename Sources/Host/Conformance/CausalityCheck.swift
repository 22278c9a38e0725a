import PackKit

/// Prefix-truncation invariance: a feature computed on data cut at row `k` must equal, bit
/// for bit, the same feature computed on all the data, for every row before `k`. A feature
/// that changes its past when the future is removed has looked at the future.
public enum CausalityCheck {
    /// The first row where some output changed when the future was removed.
    public struct Violation: Sendable, CustomStringConvertible {
        public var column: String
        public var row: Int
        public var cut: Int
        public var full: Double
        public var truncated: Double

        public var description: String {
            "output '\(column)' changed at row \(row) when the rows from \(cut) on were removed (with them: \(full), without: \(truncated)): it uses future data"
        }
    }

    /// Cut points spread over the data, past the warm-up; always includes the last row.
    public static func cuts(rows: Int, count: Int = 5) -> [Int] {
        guard rows > 2 else { return [] }
        let points = (1...count).map { rows * $0 / (count + 1) } + [rows - 1]
        return Array(Set(points.filter { $0 > 0 && $0 < rows })).sorted()
    }

    /// Recomputes `compute` on prefixes of `input` and compares against `full` (the output on
    /// all of `input`). Returns the earliest violation, or nil.
    public static func check(input: Frame, full: Frame, cuts: [Int], compute: (Frame) throws -> Frame) throws -> Violation? {
        var earliest: Violation?
        for cut in cuts {
            let truncated = try compute(input.prefix(rows: cut))
            for column in full.columns {
                guard case .float64(let a) = column.data, case .float64(let b)? = truncated[column.name] else { continue }
                for row in 0..<min(cut, b.count) where !sameBits(a[row], b[row]) {
                    if earliest == nil || row < earliest!.row {
                        earliest = Violation(column: column.name, row: row, cut: cut, full: a[row], truncated: b[row])
                    }
                    break
                }
            }
        }
        return earliest
    }

    /// Equal values, with every NaN equal to every NaN.
    static func sameBits(_ a: Double, _ b: Double) -> Bool {
        a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
    }
}
