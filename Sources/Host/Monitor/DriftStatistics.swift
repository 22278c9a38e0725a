import Foundation

/// The two drift statistics of `edgehost monitor drift`, defined as numpy/scipy compute them
/// so a test can check them against those.
public enum DriftStatistics {
    /// Empty bins count as this share, so the logarithm stays finite.
    public static let epsilon = 1e-6

    /// Population stability index of `live` against `reference`: 10 bins cut at the reference's
    /// deciles (numpy `percentile`, linear), a value on an edge going to the upper bin (numpy
    /// `searchsorted(side="right")`), shares of 0 replaced by `epsilon`,
    /// Σ (live − ref) · ln(live / ref). NaN values are left out; NaN when either side is empty.
    public static func psi(reference: [Double], live: [Double]) -> Double {
        let ref = reference.filter { !$0.isNaN }.sorted(), now = live.filter { !$0.isNaN }
        guard !ref.isEmpty, !now.isEmpty else { return .nan }
        let edges = (1...9).map { percentile(ref, Double($0) * 10) }
        func shares(_ values: [Double]) -> [Double] {
            var counts = Array(repeating: 0, count: 10)
            for x in values { counts[edges.reduce(0) { $0 + (x >= $1 ? 1 : 0) }] += 1 }
            return counts.map { $0 == 0 ? epsilon : Double($0) / Double(values.count) }
        }
        let (p, q) = (shares(ref), shares(now))
        return zip(p, q).reduce(0) { $0 + ($1.1 - $1.0) * log($1.1 / $1.0) }
    }

    /// Two-sample Kolmogorov–Smirnov statistic (scipy `ks_2samp`'s statistic): the largest gap
    /// between the two empirical distribution functions. NaN values are left out.
    public static func ks(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.filter { !$0.isNaN }.sorted(), y = b.filter { !$0.isNaN }.sorted()
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        var (i, j, gap) = (0, 0, 0.0)
        while i < x.count, j < y.count {
            let v = min(x[i], y[j])
            while i < x.count, x[i] == v { i += 1 }
            while j < y.count, y[j] == v { j += 1 }
            gap = max(gap, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return gap
    }

    /// numpy `percentile(sorted, q)` with its default linear method and its lerp.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let index = q / 100 * Double(sorted.count - 1)
        let low = Int(index.rounded(.down)), t = index - index.rounded(.down)
        let a = sorted[low], b = sorted[min(low + 1, sorted.count - 1)]
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }
}
