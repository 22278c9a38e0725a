/// The Wilson score interval of a proportion (Wilson 1927; Brown, Cai & DasGupta 2001 recommend
/// it over the normal interval for small n and rates near 0 — exactly a breach rate of a few %).
public struct WilsonInterval: Sendable, Equatable {
    public var low: Double
    public var high: Double

    /// The interval for `rate` observed on `n` independent trials (n may be an effective
    /// count, below the row count, when trials are correlated); z = 1.96 is 95 %.
    public init(rate: Double, n: Double, z: Double = 1.96) {
        guard n > 0, rate.isFinite else { (low, high) = (0, 1); return }
        let p = min(1, max(0, rate)), z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // At a rate of 0 (or 1) the bound is exactly 0 (1); rounding would leave 1e-18 and exclude it.
        (low, high) = (p == 0 ? 0 : max(0, center - half), p == 1 ? 1 : min(1, center + half))
    }

    public func contains(_ x: Double) -> Bool { low <= x && x <= high }
    public var width: Double { high - low }
}
