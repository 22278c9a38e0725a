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
    ///
    /// The two verbs share one sample per horizon and state: `mean_revert`'s gross returns are
    /// `continue`'s negated, so one gross test serves both (`MeanTest.negated`); only the
    /// after-cost series differ.
    public static func candidates(_ events: EventOccurrences, include: (Int) -> Bool = { _ in true }) -> [Candidate] {
        let kept = (0..<events.count).filter(include)
        // Sample 0 holds every state; sample c + 1 state code c.
        let states = [Candidate.allStates] + EventSeries.stateNames
        var samples = states.map { _ in Sample() }
        var scratch = Scratch()
        var out: [Candidate] = []
        out.reserveCapacity(events.horizons.count * Candidate.Verb.allCases.count * states.count)
        for (k, horizon) in events.horizons.enumerated() {
            for b in samples.indices { samples[b].removeAll() }
            events.forward[k].withUnsafeBufferPointer { forward in
                for e in kept where forward[e].isFinite {
                    samples[0].append(e, forward[e], events.cost[e])
                    let code = events.state[e]
                    if code >= 0, code < EventSeries.stateNames.count { samples[code + 1].append(e, forward[e], events.cost[e]) }
                }
            }
            // Verb-major, as the candidates are listed: every state's mean_revert, then continue.
            var byVerb = Candidate.Verb.allCases.map { _ in [Candidate]() }
            for (b, state) in states.enumerated() {
                let lag = events.neweyWestLag(horizon: horizon, members: samples[b].members)
                for (v, (verb, m)) in samples[b].measure(lag: lag, scratch: &scratch).enumerated() {
                    byVerb[v].append(Candidate(eventType: events.eventType, horizon: horizon, verb: verb, state: state, n: m.n,
                                               grossBps: m.gross.mean, costBps: m.cost, netBps: m.net.mean, hitRate: m.hitRate,
                                               t: m.gross.t, p: m.gross.p, netLowBps: m.interval.low, netHighBps: m.interval.high))
                }
            }
            out += byVerb.joined()
        }
        return out
    }

    /// The events of one horizon and state with a finite forward return: their indexes, the
    /// `continue` gross returns and the round-trip costs, in event order.
    struct Sample {
        var members: [Int] = []
        var forward: [Double] = []
        var cost: [Double] = []

        mutating func removeAll() {
            members.removeAll(keepingCapacity: true)
            forward.removeAll(keepingCapacity: true)
            cost.removeAll(keepingCapacity: true)
        }

        mutating func append(_ e: Int, _ f: Double, _ c: Double) {
            members.append(e)
            forward.append(f)
            cost.append(c)
        }

        /// Each verb's gross and after-cost tests, mean cost and hit rate.
        func measure(lag: Int, scratch: inout Scratch) -> [(Candidate.Verb, Measured)] {
            let n = forward.count
            let gross = forward.withUnsafeBufferPointer { MeanTest($0, lag: lag, residuals: &scratch.residuals) }
            var totalCost = 0.0
            for c in cost { totalCost += c }
            return Candidate.Verb.allCases.map { verb in
                scratch.net.removeAll(keepingCapacity: true)
                var hits = 0
                for i in 0..<n {
                    let net = verb.sign * forward[i] - cost[i]
                    scratch.net.append(net)
                    if net > 0 { hits += 1 }
                }
                let netTest = scratch.net.withUnsafeBufferPointer { MeanTest($0, lag: lag, residuals: &scratch.residuals) }
                return (verb, Measured(n: n, gross: verb.sign > 0 ? gross : gross.negated, net: netTest,
                                       interval: netTest.interval(), cost: n == 0 ? .nan : totalCost / Double(n),
                                       hitRate: n == 0 ? .nan : Double(hits) / Double(n)))
            }
        }
    }

    /// Buffers reused by every test of a call.
    struct Scratch {
        var residuals: [Double] = []
        var net: [Double] = []
    }

    /// What `Sample.measure` gives for one verb.
    struct Measured {
        let n: Int
        let gross, net: MeanTest
        let interval: (low: Double, high: Double)
        let cost, hitRate: Double
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
