import Foundation

/// The size cap of a sweep grid (README "Input limits"): the grid is counted before any work,
/// announced on standard error, and refused past the cap unless `--max-configs` raises it.
/// 191,000 configurations once ran past two minutes without a word.
public enum SweepLimit {
    /// Configurations a sweep runs without `--max-configs`.
    public static let defaultMax = 10_000

    /// Throws when `count` (the product of `factors`, named for the message) exceeds `max`.
    /// `factors` multiply with overflow checked, so a huge grid is refused, not wrapped.
    public static func check(_ factors: [(name: String, count: Int)], max: Int) throws(WorkspaceError) -> Int {
        guard max >= 1 else { throw WorkspaceError("--max-configs must be at least 1, got \(max)") }
        var total = 1, overflow = false
        for f in factors {
            let (product, over) = total.multipliedReportingOverflow(by: f.count)
            (total, overflow) = (product, overflow || over)
        }
        let formula = factors.map { "\($0.count) \($0.name)" }.joined(separator: " × ")
        guard !overflow, total <= max else {
            throw WorkspaceError("the sweep grid has \(overflow ? "more than \(Int.max)" : String(total)) configurations (\(formula)), more than the limit of \(max): narrow the grid or raise --max-configs")
        }
        return total
    }

    /// One line on standard error before the work starts: what will run, and how much of it.
    public static func announce(_ total: Int, _ factors: [(name: String, count: Int)]) {
        let formula = factors.map { "\($0.count) \($0.name)" }.joined(separator: " × ")
        FileHandle.standardError.write(Data("sweep: \(total) configurations (\(formula))\n".utf8))
    }
}
