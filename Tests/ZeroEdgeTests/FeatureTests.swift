import Indicators
import MarketKit
import PackKit
import Testing
@testable import ZeroEdge

/// Hand-computed values of the row-wise and session features, on small synthetic frames.
@Suite struct FeatureTests {
    typealias Chain = MarketFrames.Chain
    let nan = Double.nan

    private func run(_ id: String, _ frame: MarketFrames, _ overrides: [String: JSON] = [:]) throws -> [Double] {
        try MarketFrames.run(MarketFrames.indicator(id), frame.frame(), overrides)
    }

    private func bar(_ f: inout MarketFrames, _ date: String, _ h: Int, _ m: Int, close: Double = 100, chain: Chain = Chain()) {
        f.add(date, h, m, open: close, high: close, low: close, close: close, chain: chain)
    }

    @Test func everyIndicatorIsDeclaredCompletely() {
        let ids = ZeroEdge.indicators.map(\.info.id)
        #expect(ids == ["drift_since_open", "minutes_since_open", "hour_of_day", "pin_distance", "atm_distance",
                        "vwap_distance", "realized_vol", "open_gap_z", "first15m_range_z", "atm_iv_open_delta",
                        "gamma_density_peak_strike", "gamma_skew_left_right"])
        for info in ZeroEdge.indicators.map(\.info) {
            #expect(info.version == "1.0.0")
            #expect(info.outputs == [.float64("value", allowsNaN: true, info.outputs[0].description)])
            #expect(Set(info.inputs.map(\.name)).isSubset(of: MarketFrame.barColumns + MarketFrame.chainColumns))
        }
    }

    /// The Friday before and the Monday after the March 2024 DST switch, and the 2024-07-03 half day.
    @Test func clockFeaturesFollowNewYorkTimeAcrossDSTAndHalfDays() throws {
        var f = MarketFrames()
        for (date, times) in [("2024-03-08", [(9, 30), (9, 59), (15, 59)]), ("2024-03-11", [(9, 30), (9, 59), (15, 59)]),
                              ("2024-07-03", [(9, 30), (12, 59)])] {
            for (h, m) in times { bar(&f, date, h, m) }
        }
        // 09:30 EST is 14:30 UTC, 09:30 EDT is 13:30 UTC.
        #expect(f.ts[0] == 1_709_908_200 * 1_000_000_000 && f.ts[3] == 1_710_163_800 * 1_000_000_000)
        #expect(NewYorkClock.instant(day: NewYorkCalendar.date(nanoseconds: f.ts[3]), minuteOfDay: 570) == f.ts[3])
        #expect(try run("minutes_since_open", f) == [0, 29, 389, 0, 29, 389, 0, 209])
        #expect(try run("hour_of_day", f) == [9, 10, 16, 9, 10, 16, 9, 13])
    }

    @Test func driftIsMeasuredFromEachSessionsFirstOpen() throws {
        var f = MarketFrames()
        f.add("2024-03-08", 9, 30, open: 100, high: 101, low: 99, close: 101)
        f.add("2024-03-08", 9, 31, open: 101, high: 101, low: 99, close: 99)
        f.add("2024-03-11", 9, 30, open: 200, high: 203, low: 199, close: 202)
        #expect(MarketFrames.approximatelyEqual(try run("drift_since_open", f), [0.01, -0.01, 0.01]))
    }

    @Test func strikeDistancesAreRelativeAndNaNWithoutAChain() throws {
        var f = MarketFrames()
        bar(&f, "2024-07-01", 10, 0, close: 502, chain: Chain(pin: 500, atm: 501, gammaPeak: 507.02))
        bar(&f, "2024-07-01", 10, 1, close: 502)
        bar(&f, "2024-07-01", 10, 2, close: 502, chain: Chain(pin: 0, atm: -1))
        #expect(MarketFrames.approximatelyEqual(try run("pin_distance", f), [0.004, nan, nan]))
        #expect(MarketFrames.approximatelyEqual(try run("atm_distance", f), [0.001996007984031989, nan, nan]))
        #expect(MarketFrames.approximatelyEqual(try run("gamma_density_peak_strike", f), [0.01, nan, nan]))
    }

    @Test func gammaSkewPassesThroughWithItsNaNs() throws {
        var f = MarketFrames()
        for (m, skew) in [0.3, nan, -0.2].enumerated() { bar(&f, "2024-07-01", 10, m, chain: Chain(gammaSkew: skew)) }
        #expect(MarketFrames.approximatelyEqual(try run("gamma_skew_left_right", f), [0.3, nan, -0.2], tolerance: 0))
    }

    @Test func atmIVDeltaStartsAtEachSessionsFirstKnownIV() throws {
        var f = MarketFrames()
        for (m, iv) in [nan, 0.20, 0.22, nan, 0.18].enumerated() { bar(&f, "2024-07-01", 9, 30 + m, chain: Chain(iv: iv)) }
        for (m, iv) in [0.30, 0.25].enumerated() { bar(&f, "2024-07-02", 9, 30 + m, chain: Chain(iv: iv)) }
        #expect(MarketFrames.approximatelyEqual(try run("atm_iv_open_delta", f), [nan, 0, 0.02, nan, -0.02, 0, -0.05]))
    }

    /// Typical prices 100 (volume 100) then 102 (volume 300): VWAP 101.5.
    @Test func vwapDistanceUsesTheSessionVWAP() throws {
        var f = MarketFrames()
        f.add("2024-07-01", 9, 30, open: 100, high: 101, low: 99, close: 100, volume: 100)
        f.add("2024-07-01", 9, 31, open: 100, high: 103, low: 101, close: 102, volume: 300)
        f.add("2024-07-02", 9, 30, open: 50, high: 51, low: 49, close: 50, volume: 10)
        f.add("2024-07-03", 9, 30, open: 10, high: 11, low: 9, close: 10, volume: 0)
        f.add("2024-07-03", 9, 31, open: 10, high: 11, low: 9, close: 10, volume: 5)
        #expect(MarketFrames.approximatelyEqual(try run("vwap_distance", f), [0, 0.0049261083743843415, 0, nan, 0]))
    }

    /// Returns ln(1.01), ln(100/101), ln(1.02); the next session starts over without the overnight return.
    @Test func realizedVolUsesTheSessionsLastReturnsOnly() throws {
        var f = MarketFrames()
        for (m, c) in [100.0, 101, 100, 102].enumerated() { bar(&f, "2024-07-01", 9, 30 + m, close: c) }
        for (m, c) in [50.0, 50.5, 50.5].enumerated() { bar(&f, "2024-07-02", 9, 30 + m, close: c) }
        let perMinute = [nan, nan, 0.009950330853168092, 0.01567088274346585, nan, nan, 0.0070359464213248825]
        let raw = try run("realized_vol", f, ["period": .number(2), "annualize": .bool(false)])
        #expect(MarketFrames.approximatelyEqual(raw, perMinute))
        let annualised = try run("realized_vol", f, ["period": .number(2)])
        #expect(MarketFrames.approximatelyEqual(annualised, perMinute.map { $0 * 313.4964114627152 }))
    }

    @Test func realizedVolIsNaNWhileABadCloseIsInTheWindow() throws {
        var f = MarketFrames()
        for (m, c) in [100.0, 101, nan, 100, 101, 102].enumerated() { bar(&f, "2024-07-01", 9, 30 + m, close: c) }
        let v = try run("realized_vol", f, ["period": .number(2), "annualize": .bool(false)])
        #expect(v[0...4].allSatisfy { $0.isNaN })
        #expect(MarketFrames.approximatelyEqual([v[5]], [0.009901434979044417]))
    }
}
