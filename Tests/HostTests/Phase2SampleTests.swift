import Foundation
@testable import Host
import Testing

/// Phase 2 shares one sample per horizon and state between the two verbs and sums the
/// Newey–West lags in one pass; the figures must be those of measuring every candidate on
/// its own, lag by lag, bit for bit.
@Suite struct Phase2SampleTests {
    /// Every candidate measured apart: its own filtered sample, gross and net series and a
    /// lag-by-lag Bartlett sum (the plain definition).
    static func oneByOne(_ events: EventOccurrences) -> [Candidate] {
        func test(_ x: [Double], lag: Int) -> (mean: Double, se: Double, t: Double, p: Double) {
            let n = x.count
            guard n > 0 else { return (.nan, .nan, .nan, .nan) }
            let m = x.reduce(0, +) / Double(n)
            let e = x.map { $0 - m }
            var s = 0.0
            for v in e { s += v * v }
            var covariances = 0.0
            for j in stride(from: 1, through: min(lag, n - 1), by: 1) {
                var c = 0.0
                for i in j..<n { c += e[i] * e[i - j] }
                covariances += 2 * (1 - Double(j) / Double(lag + 1)) * c
            }
            s += covariances
            let se = n > 1 && s > 0 ? s.squareRoot() / Double(n) : .nan
            let t = se.isFinite && se > 0 ? m / se : .nan
            return (m, se, t, t.isFinite ? erfc(abs(t) / 2.0.squareRoot()) : .nan)
        }
        let states: [(name: String, code: Int?)] = [(Candidate.allStates, nil)] + EventSeries.stateNames.enumerated().map { ($1, $0) }
        var out: [Candidate] = []
        for (k, horizon) in events.horizons.enumerated() {
            for verb in Candidate.Verb.allCases {
                for (name, code) in states {
                    let members = (0..<events.count).filter { (code == nil || events.state[$0] == code) && events.forward[k][$0].isFinite }
                    let gross = members.map { verb.sign * events.forward[k][$0] }
                    let net = members.indices.map { gross[$0] - events.cost[members[$0]] }
                    let lag = events.neweyWestLag(horizon: horizon, members: members)
                    let g = test(gross, lag: lag), a = test(net, lag: lag)
                    let z = Normal.quantile(0.5 + 0.95 / 2)  // as MeanTest.interval()
                    out.append(Candidate(eventType: events.eventType, horizon: horizon, verb: verb, state: name, n: members.count,
                                         grossBps: g.mean, costBps: members.isEmpty ? .nan : members.reduce(0) { $0 + events.cost[$1] } / Double(members.count),
                                         netBps: a.mean, hitRate: net.isEmpty ? .nan : Double(net.filter { $0 > 0 }.count) / Double(net.count),
                                         t: g.t, p: g.p, netLowBps: a.mean - z * a.se, netHighBps: a.mean + z * a.se))
                }
            }
        }
        return out
    }

    /// Equal as bits, NaN equal to NaN.
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test func sharedSamplesGiveEachCandidatesOwnFiguresBitForBit() throws {
        let series = try DiscoveryStatisticsTests.noEffectSeries(seed: 3)
        for type in series.eventTypes {
            let events = EventOccurrences(series, eventType: type, horizons: Phase2.defaultHorizons, costs: TradingCosts())
            let got = Phase2.candidates(events), want = Self.oneByOne(events)
            #expect(got.count == 60 && got.map(\.key) == want.map(\.key))
            for (g, w) in zip(got, want) {
                let pairs = [(g.grossBps, w.grossBps), (g.costBps, w.costBps), (g.netBps, w.netBps), (g.hitRate, w.hitRate),
                             (g.t, w.t), (g.p, w.p), (g.netLowBps, w.netLowBps), (g.netHighBps, w.netHighBps)]
                #expect(g.n == w.n && pairs.allSatisfy { Self.same($0, $1) }, "\(g.key): \(g) vs \(w)")
            }
            // The planted-free walk still has lags past 0 at the long horizons: the one-pass sum is exercised.
            #expect(events.neweyWestLag(horizon: 48, members: Array(0..<events.count)) > 1)
        }
    }
}
