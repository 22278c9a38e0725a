import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// The statistics of event discovery against references on fixed data: Newey–West t and
/// p against statsmodels (OLS on a constant, HAC with maxlags L), Benjamini–Hochberg against
/// scipy.stats.false_discovery_control (Tests/oracles/discovery_stats_reference.py), and the
/// false-discovery rate of the whole phase-2 gate on 20 simulations with no effect.
@Suite("DiscoveryStatisticsTests")
struct DiscoveryStatisticsTests {
    /// Overlapping h-bar sums of one seeded walk, as forward returns of events are, plus a
    /// plain sample and short edge cases; each with the lag discovery would use (h − 1).
    static let series: [(x: [Double], lag: Int)] = {
        var out: [(x: [Double], lag: Int)] = []
        for (n, h, seed) in [(40, 1, 1), (200, 3, 2), (500, 6, 3), (1000, 12, 4), (300, 24, 5), (2000, 48, 6), (7, 3, 7)] as [(Int, Int, UInt64)] {
            var random = SeededRandom(seed: seed)
            let steps = (0..<(n + h)).map { _ in 0.3 + 2.0 * random.normal() }
            out.append(((0..<n).map { i in steps[i..<(i + h)].reduce(0, +) }, h - 1))
        }
        return out
    }()

    static let pValues: [Double] = {
        var random = SeededRandom(seed: 99)
        let spread = (0..<200).map { _ in random.uniform() }
        let small = (0..<40).map { _ in pow(random.uniform(), 6) * 1e-3 }
        return spread + small + [0.01, 0.01, 0.01, 1e-12, 1.0, 0.049, 0.05]
    }()

    static let oracle: Result<JSON, PythonOracle.Failure> = Result { () throws(PythonOracle.Failure) in
        let request: JSON = .object([
            "series": .array(series.map { .object(["x": .array($0.x.map(JSON.number)), "lag": .number(Double($0.lag))]) }),
            "p": .array(pValues.map(JSON.number)),
        ])
        let output = try PythonOracle.run([PythonOracle.script("discovery_stats_reference.py")], input: request.text)
        do { return try JSON.parse(output) } catch { throw PythonOracle.Failure(description: "oracle output is not JSON: \(error)") }
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-300
    }

    @Test("Newey–West mean, standard error, t and p equal statsmodels' to 1e-9")
    func neweyWestMatchesStatsmodels() throws {
        let answer = try Self.oracle.get()
        guard case .array(let tests)? = answer["tests"] else { Issue.record("oracle gave no tests"); return }
        #expect(tests.count == Self.series.count)
        for (s, want) in zip(Self.series, tests) {
            let got = MeanTest(s.x, lag: s.lag)
            for (name, value, reference) in [("mean", got.mean, want["mean"]), ("se", got.standardError, want["se"]),
                                             ("t", got.t, want["t"]), ("p", got.p, want["p"])] {
                let r = try #require(reference?.doubleValue, "oracle has no \(name)")
                #expect(Self.close(value, r), "n \(s.x.count) lag \(s.lag) \(name): \(value) vs statsmodels \(r)")
            }
        }
        // The lag matters: with overlapping 48-bar sums the plain standard error is far too small.
        let overlapping = Self.series[5]
        #expect(MeanTest(overlapping.x, lag: overlapping.lag).standardError > 3 * MeanTest(overlapping.x, lag: 0).standardError)
    }

    @Test("Benjamini–Hochberg q-values equal scipy.stats.false_discovery_control to 1e-9")
    func benjaminiHochbergMatchesScipy() throws {
        let answer = try Self.oracle.get()
        guard case .array(let bh)? = answer["bh"] else { Issue.record("oracle gave no bh"); return }
        let q = BenjaminiHochberg.adjusted(Self.pValues)
        #expect(q.count == bh.count)
        for (i, (got, want)) in zip(q, bh.compactMap(\.doubleValue)).enumerated() {
            #expect(Self.close(got, want), "p[\(i)] = \(Self.pValues[i]): q \(got) vs scipy \(want)")
        }
        // Decisions too: the same set of discoveries at 5 %.
        #expect(BenjaminiHochberg.discoveries(Self.pValues, alpha: 0.05) == bh.map { ($0.doubleValue ?? 1) <= 0.05 })
    }

    @Test("edge cases: no values, one value, no variation, NaN p")
    func edgeCases() {
        #expect(MeanTest([], lag: 2).n == 0 && MeanTest([], lag: 2).t.isNaN)
        #expect(MeanTest([3], lag: 0).mean == 3 && MeanTest([3], lag: 0).p.isNaN)
        #expect(MeanTest([2, 2, 2], lag: 1).t.isNaN)
        // A NaN p counts as 1 and stays in the family size.
        #expect(BenjaminiHochberg.adjusted([0.01, .nan]) == [0.02, 1])
        // numpy's linear quantiles.
        #expect(zip(Distribution([4, 1, 3, 2]).quantiles, [1.15, 1.75, 2.5, 3.25, 3.85]).allSatisfy { Self.close($0, $1, 1e-12) })
    }

    /// A series of two symbols on which events have no effect at all: a seeded walk with
    /// events at random bars in random states.
    static func noEffectSeries(seed: UInt64) throws -> EventSeries {
        let market = try Market(timeZone: "UTC", calendar: "24x7", barNanoseconds: 300_000_000_000)
        var random = SeededRandom(seed: seed)
        let bars = 12 * 288
        let symbols = ["AAA", "BBB"].map { name -> EventSeries.SymbolSeries in
            var price = 100.0
            var open: [Double] = [], close: [Double] = []
            for _ in 0..<bars {
                open.append(price)
                price *= exp(0.001 * random.normal())
                close.append(price)
            }
            var events: [String: EventSeries.EventColumns] = [:]
            for type in ["ONE", "TWO"] {
                events[type] = EventSeries.EventColumns(flag: (0..<bars).map { _ in random.uniform() < 0.02 ? 1 : 0 },
                                                        state: (0..<bars).map { _ in Double(Int(random.uniform() * 4)) })
            }
            return EventSeries.SymbolSeries(symbol: name, ts: (0..<bars).map { Int64($0) * 300_000_000_000 + 1_704_067_200_000_000_000 },
                                            open: open, high: zip(open, close).map { max($0, $1) }, low: zip(open, close).map { min($0, $1) },
                                            close: close, volume: Array(repeating: 100, count: bars), events: events, dataSHA: "")
        }
        let detectors = ["ONE", "TWO"].map { EventSeries.Detector(indicator: "event.\($0.lowercased())", eventType: $0, flagOutput: "", stateOutput: "", lagNanoseconds: 0) }
        return EventSeries(pack: "sim", adapter: "sim", market: market, start: 19723, end: 19734, detectors: detectors, symbols: symbols, warnings: [])
    }

    @Test("no effect, 20 seeds: the share of runs with any blueprint is at most about the FDR (5 %)")
    func falseDiscoveryRateOnNoEffect() throws {
        var costs = TradingCosts()
        // Free trading, so the after-cost condition does not hide false discoveries: only BH guards.
        costs.takerFeeBps = 0
        costs.slippageBpsPerRangePct = 0
        var runsWithBlueprint = 0, tried = 0
        for seed in 1...20 {
            let series = try Self.noEffectSeries(seed: UInt64(seed))
            let candidates = series.eventTypes.flatMap { Phase2.candidates(EventOccurrences(series, eventType: $0, horizons: Phase2.defaultHorizons, costs: costs)) }
            tried = candidates.count
            if Phase2.gate(candidates, fdr: 0.05, minEvents: 30).contains(where: \.passes) { runsWithBlueprint += 1 }
        }
        #expect(tried == 2 * 6 * 2 * 5)
        // 1 of 20 is the FDR level exactly; allow one more for the 20-run sample.
        #expect(runsWithBlueprint <= 2, "\(runsWithBlueprint) of 20 no-effect runs produced a blueprint")
    }
}
