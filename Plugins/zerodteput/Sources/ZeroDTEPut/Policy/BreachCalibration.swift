/// Calibration bins of out-of-sample breach probabilities, each with a Wilson interval: how
/// `breach_probability` gets its confidence interval (method in docs/policy.md).
///
/// The walk-forward's out-of-sample predictions are cut into `bins` bins of equal counts by
/// predicted probability. A bin's interval is Wilson's around its realised breach rate with n =
/// the number of distinct sessions in the bin, not rows: the strikes and times of one session
/// share one close, so its rows are far from independent and counting them would make the
/// interval too narrow. A new prediction gets the interval of the bin its probability falls in.
public struct BreachCalibration: Sendable, Equatable {
    public struct Bin: Sendable, Equatable {
        /// Probabilities in [lower, upper) (the last bin includes its upper bound).
        public var lower, upper: Double
        public var rows: Int, breaches: Int, sessions: Int
        public var rate: Double { Double(breaches) / Double(rows) }
        public var interval: WilsonInterval { WilsonInterval(rate: rate, n: Double(sessions)) }
    }

    public var bins: [Bin]

    /// `probability[i]`, `breached[i]` and `session[i]` (any id of the row's session) for each
    /// out-of-sample prediction.
    public init(probability: [Double], breached: [Bool], session: [Int32], bins count: Int = 10) {
        let order = probability.indices.filter { probability[$0].isFinite }.sorted { (probability[$0], $0) < (probability[$1], $1) }
        var bins: [Bin] = []
        guard !order.isEmpty, count > 0 else { self.bins = []; return }
        var start = 0
        for b in 0..<count {
            var end = min(order.count, (b + 1) * order.count / count)
            // Equal probabilities stay in one bin, so a probability maps to exactly one bin.
            while end < order.count, end > start, probability[order[end]] == probability[order[end - 1]] { end += 1 }
            guard end > start else { continue }
            let members = order[start..<end]
            bins.append(Bin(lower: probability[members.first!], upper: probability[members.last!], rows: members.count,
                            breaches: members.filter { breached[$0] }.count, sessions: Set(members.map { session[$0] }).count))
            start = end
        }
        self.bins = bins
    }

    /// The bin a probability falls in: the first whose upper bound reaches it, else the last.
    public func bin(for p: Double) -> Bin? {
        bins.first { p <= $0.upper } ?? bins.last
    }

    /// The confidence interval of a predicted breach probability; [0, 1] without calibration.
    public func interval(for p: Double) -> WilsonInterval {
        bin(for: p)?.interval ?? WilsonInterval(rate: .nan, n: 0)
    }
}
