/// The Benjamini–Hochberg step-up procedure: adjusted p-values (q-values) of a family of
/// tests, as `scipy.stats.false_discovery_control(p, method='bh')` returns them. A test is a
/// discovery at false-discovery rate α when its q ≤ α.
public enum BenjaminiHochberg {
    /// q-values in the order of `p`. A NaN p (a test that could not be computed) counts as
    /// 1: it stays in the family size m, so leaving tests out never makes the gate easier.
    public static func adjusted(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let values = p.map { $0.isNaN ? 1.0 : min(max($0, 0), 1) }
        // Ascending p; ties keep their input order so the result is deterministic.
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        var q = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, values[i] * Double(m) / Double(rank))
            q[i] = min(running, 1)
        }
        return q
    }

    /// Which tests are discoveries at false-discovery rate `alpha`.
    public static func discoveries(_ p: [Double], alpha: Double) -> [Bool] {
        adjusted(p).map { $0 <= alpha }
    }
}
