/// Summary of a sample of returns for the phase-1 reports: mean, standard deviation (ddof 1,
/// as pandas) and quantiles by linear interpolation between order statistics (numpy's and
/// pandas' default).
public struct Distribution: Sendable, Equatable {
    public static let quantileLevels = [0.05, 0.25, 0.5, 0.75, 0.95]

    public var count: Int
    public var mean: Double
    public var std: Double
    public var quantiles: [Double]

    public init(_ x: [Double]) {
        count = x.count
        let test = MeanTest(x, lag: 0)
        mean = test.mean
        std = test.std
        let sorted = x.sorted()
        quantiles = Distribution.quantileLevels.map { Distribution.quantile(sorted, $0) }
    }

    /// The `q` quantile of ascending `sorted`; NaN when empty.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - Double(lo))
    }
}
