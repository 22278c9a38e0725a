/// One hypothesis tried in phase 2: trading `verb` on `eventType` events in `state` (or every
/// state) for `horizon` bars, and what the events in the window say about it.
public struct Candidate: Sendable, Equatable {
    public enum Verb: String, Sendable, CaseIterable {
        /// Position −direction: bet the event's move reverses.
        case meanRevert = "mean_revert"
        /// Position +direction: bet it continues.
        case `continue` = "continue"

        public var sign: Double { self == .meanRevert ? -1 : 1 }
    }

    public static let allStates = "all"

    public var eventType: String
    public var horizon: Int
    public var verb: Verb
    /// `all` or a state name (`range_lowvol`, …).
    public var state: String
    public var n: Int
    /// Mean gross and after-cost return per event, and the mean round-trip cost, bps.
    public var grossBps: Double
    public var costBps: Double
    public var netBps: Double
    /// Share of events whose after-cost return is positive.
    public var hitRate: Double
    /// Newey–West t of the gross return (lag: `EventOccurrences.neweyWestLag`) and its two-sided normal p.
    public var t: Double
    public var p: Double
    /// 95 % interval of the after-cost mean (Newey–West, same lag).
    public var netLowBps: Double
    public var netHighBps: Double
    /// Benjamini–Hochberg q over every candidate of the run; set by `Phase2.gate`.
    public var q: Double = .nan
    public var passes = false
    public var reasons: [String] = []

    /// The key that names a candidate in a run.
    public var key: String { "\(eventType)|\(horizon)|\(verb.rawValue)|\(state)" }
}

/// Phase 2's measurements and its gate.
public enum Phase2 {
    public static let defaultHorizons = [1, 3, 6, 12, 24, 48]

    /// Every candidate of one event type: horizons × verbs × (every state, then each state),
    /// over the occurrences `include` keeps (all by default; the robustness checks pass a
    /// symbol or a half of the window).
    public static func candidates(_ events: EventOccurrences, include: (Int) -> Bool = { _ in true }) -> [Candidate] {
        var out: [Candidate] = []
        let states: [(String, Int?)] = [(Candidate.allStates, nil)] + EventSeries.stateNames.enumerated().map { ($1, $0) }
        for (k, horizon) in events.horizons.enumerated() {
            for verb in Candidate.Verb.allCases {
                for (stateName, code) in states {
                    var gross: [Double] = [], net: [Double] = [], members: [Int] = [], cost = 0.0
                    for e in 0..<events.count where include(e) && (code == nil || events.state[e] == code) && events.forward[k][e].isFinite {
                        members.append(e)
                        let g = verb.sign * events.forward[k][e]
                        gross.append(g)
                        net.append(g - events.cost[e])
                        cost += events.cost[e]
                    }
                    let lag = events.neweyWestLag(horizon: horizon, members: members)
                    let test = MeanTest(gross, lag: lag)
                    let netTest = MeanTest(net, lag: lag)
                    let interval = netTest.interval()
                    let hits = net.filter { $0 > 0 }.count
                    out.append(Candidate(eventType: events.eventType, horizon: horizon, verb: verb, state: stateName, n: gross.count,
                                         grossBps: test.mean, costBps: gross.isEmpty ? .nan : cost / Double(gross.count),
                                         netBps: netTest.mean, hitRate: net.isEmpty ? .nan : Double(hits) / Double(net.count),
                                         t: test.t, p: test.p, netLowBps: interval.low, netHighBps: interval.high))
                }
            }
        }
        return out
    }

    /// The gate over every candidate of a run: Benjamini–Hochberg at `fdr` over all of them,
    /// at least `minEvents` events, and a positive after-cost expectancy. Reasons say which failed.
    public static func gate(_ candidates: [Candidate], fdr: Double, minEvents: Int) -> [Candidate] {
        let q = BenjaminiHochberg.adjusted(candidates.map(\.p))
        return zip(candidates, q).map { c, q in
            var c = c
            c.q = q
            var reasons: [String] = []
            if !(q <= fdr) { reasons.append(c.p.isNaN ? "no p-value" : "bh_q \(format(q)) > fdr \(format(fdr))") }
            if c.n < minEvents { reasons.append("n \(c.n) < min_events \(minEvents)") }
            if !(c.netBps > 0) { reasons.append(c.netBps.isNaN ? "no after-cost expectancy" : "net_bps \(format(c.netBps)) <= 0") }
            c.passes = reasons.isEmpty
            c.reasons = reasons.isEmpty ? ["pass"] : reasons
            return c
        }
    }

    /// A number for a reason line: 4 significant digits.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "nan" }
        return String(format: "%.4g", x)
    }
}
