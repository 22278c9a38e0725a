/// Calibration bins of out-of-sample event probabilities (a put breached, a level touched),
/// each with a Wilson interval: how a row's probability gets its confidence interval
/// (method in Plugins/zerodteput/docs/policy.md).
///
/// The walk-forward's out-of-sample predictions are cut into `bins` bins of equal counts by
/// predicted probability. A bin's interval is Wilson's around its realised event rate with n =
/// the bin's effective number of sessions, not rows: the rows of one session (strikes, times)
/// share one close, so its rows are far from independent and counting them would make the
/// interval too narrow. Taking each session as one draw whose outcome its rows share, the
/// row-weighted rate has variance p(1 − p) · Σ r_s² / (Σ r_s)² for r_s rows of session s: n is
/// Kish's effective size (Σ r_s)² / Σ r_s², the session count when sessions weigh alike, fewer
/// when a few sessions hold most of the bin's rows. A new prediction gets the interval of the
/// bin it falls in.
public struct EventCalibration: Sendable, Equatable {
    public struct Bin: Sendable, Equatable {
        /// Probabilities in [lower, upper) (the last bin includes its upper bound).
        public var lower, upper: Double
        public var rows: Int, events: Int, sessions: Int
        /// (Σ r_s)² / Σ r_s² over the bin's sessions (r_s: a session's rows in the bin), ≤ `sessions`.
        public var effectiveSessions: Double
        public var rate: Double { Double(events) / Double(rows) }
        public var interval: WilsonInterval { WilsonInterval(rate: rate, n: effectiveSessions) }

        /// `effectiveSessions` nil = `sessions` (bins saved before it was recorded).
        public init(lower: Double, upper: Double, rows: Int, events: Int, sessions: Int, effectiveSessions: Double? = nil) {
            (self.lower, self.upper, self.rows, self.events, self.sessions) = (lower, upper, rows, events, sessions)
            self.effectiveSessions = effectiveSessions ?? Double(sessions)
        }
    }

    public var bins: [Bin]

    /// Bins as saved (a backtest report's).
    public init(bins: [Bin]) { self.bins = bins }

    /// `probability[i]`, `happened[i]` and `session[i]` (any id of the row's session) for each
    /// out-of-sample prediction.
    public init(probability: [Double], happened: [Bool], session: [Int32], bins count: Int = 10) {
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
            let sessions = Self.sessions(members.map { session[$0] })
            bins.append(Bin(lower: probability[members.first!], upper: probability[members.last!], rows: members.count,
                            events: members.filter { happened[$0] }.count, sessions: sessions.count,
                            effectiveSessions: sessions.effective))
            start = end
        }
        self.bins = bins
    }

    /// The bin a probability falls in: the first whose upper bound reaches it, else the last.
    public func bin(for p: Double) -> Bin? {
        binIndex(for: p).map { bins[$0] }
    }

    /// The index in `bins` of the bin a probability falls in (`bin(for:)`'s).
    public func binIndex(for p: Double) -> Int? {
        bins.firstIndex { p <= $0.upper } ?? bins.indices.last
    }

    /// The distinct sessions of some rows (one session id per row) and Kish's effective number
    /// of them, (Σ r_s)² / Σ r_s² for r_s rows of session s.
    public static func sessions(_ rows: [Int32]) -> (count: Int, effective: Double) {
        var perSession: [Int32: Int] = [:]
        for s in rows { perSession[s, default: 0] += 1 }
        let squares = perSession.values.map { Double($0 * $0) }.reduce(0, +)
        return (perSession.count, squares > 0 ? Double(rows.count * rows.count) / squares : 0)
    }

    /// The confidence interval of a predicted breach probability; [0, 1] without calibration.
    public func interval(for p: Double) -> WilsonInterval {
        bin(for: p)?.interval ?? WilsonInterval(rate: .nan, n: 0)
    }
}
