#if canImport(Glibc)
import Glibc
#endif
@testable import CryptoPack
import PackKit
import Testing

/// The simulated market: deterministic, 24/7, 5-minute bars that are the 1-minute bars
/// aggregated, and the planted effects where docs/data.md says (and nowhere else).
@Suite struct SimAdapterTests {
    @Test func sameSeedSameBytesOtherSeedOtherBars() throws {
        let a = try CryptoFixtures.read(simAdapter, start: "2024-01-02", end: "2024-01-02")
        let b = try CryptoFixtures.read(simAdapter, start: "2024-01-02", end: "2024-01-02")
        let c = try CryptoFixtures.read(simAdapter, start: "2024-01-02", end: "2024-01-02", ["seed": .number(8)])
        for name in ["open", "high", "low", "close", "volume", "funding_rate"] {
            let x = try a.float64(name), y = try b.float64(name)
            #expect(zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }, "column \(name)")
        }
        #expect(Array(try a.float64("close")) != Array(try c.float64("close")))
        // A longer run begins with the shorter one's bytes (what lets SimCache serve any range of the longest run kept).
        let day: Int64 = 86_400_000_000_000
        let short = KlineSimulator(seed: 7, effects: .all).run(until: KlineSimulator.origin + day)
        let long = KlineSimulator(seed: 7, effects: .all).run(until: KlineSimulator.origin + 2 * day)
        #expect(short.minute[1].close == Array(long.minute[1].close.prefix(1_440)) && short.funding[0].rate == Array(long.funding[0].rate.prefix(3)))
        // A range that starts later has the same bars: the simulation always runs from its origin.
        let later = try CryptoFixtures.read(simAdapter, start: "2024-01-02", end: "2024-01-03")
        #expect(Array(try later.float64("close").prefix(288)) == Array(try a.float64("close")))
    }

    @Test func fiveMinuteBarsAggregateTheMinutesEveryDay() throws {
        let m1 = try CryptoFixtures.read(simAdapter, start: "2024-01-01", end: "2024-01-01", symbol: "ETHUSDT", ["timeframe": .string("1m")])
        let m5 = try CryptoFixtures.read(simAdapter, start: "2024-01-01", end: "2024-01-01", symbol: "ETHUSDT")
        #expect(m1.rowCount == 1_440 && m5.rowCount == 288)
        let ts = try m5.timestamps()
        #expect(ts[0] == 1_704_067_200_000_000_000 && ts[287] - ts[0] == 287 * 300_000_000_000)
        let (o, h, l, c, v) = (try m1.float64("open"), try m1.float64("high"), try m1.float64("low"), try m1.float64("close"), try m1.float64("volume"))
        for k in 0..<288 {
            let r = (5 * k)..<(5 * k + 5)
            #expect(try m5.float64("open")[k] == o[r.lowerBound])
            #expect(try m5.float64("close")[k] == c[r.upperBound - 1])
            #expect(try m5.float64("high")[k] == r.map { h[$0] }.max()!)
            #expect(try m5.float64("low")[k] == r.map { l[$0] }.min()!)
            #expect(try m5.float64("volume")[k] == r.reduce(0.0) { $0 + v[$1] })
        }
        // Bars are well formed, and funding is an 8-hourly print held forward.
        #expect((0..<1_440).allSatisfy { h[$0] >= max(o[$0], c[$0]) && l[$0] <= min(o[$0], c[$0]) && l[$0] > 0 && v[$0] > 0 })
        let funding = try m1.float64("funding_rate")
        #expect(Set(funding).count == 3 && funding[479] == funding[0] && funding[480] != funding[479])
    }

    @Test func unknownSymbolAndRangesBeforeTheOriginAreRefused() throws {
        #expect(throws: ComponentError.self) { try CryptoFixtures.read(simAdapter, start: "2024-01-01", end: "2024-01-01", symbol: "SOLUSDT") }
        #expect(throws: ComponentError.self) { try CryptoFixtures.read(simAdapter, start: "2023-01-01", end: "2023-01-31") }
        #expect(throws: ComponentError.self) {
            try CryptoFixtures.read(simAdapter, start: "2024-01-01", end: "2024-01-01", ["timeframe": .string("15m")])
        }
        // The warm-up fetch may start before the origin: it gets the bars from the origin on.
        #expect(try CryptoFixtures.read(simAdapter, start: "2023-12-30", end: "2024-01-01").rowCount == 288)
    }

    /// Mean reversion after each detector's events over six 5-minute bars, in bps: −direction ×
    /// ln(close_{i+6} / close_i) (the next bar opens at close_i in the simulation).
    static func reversion(_ id: String, _ frame: Frame) throws -> (events: Int, bps: Double) {
        let detector = CryptoPack.Crypto.events.first { $0.info.id == id }!
        let flags = try CryptoFixtures.compute(detector, frame).float64("\(id.dropFirst(6))_flag")
        let close = try frame.float64("close")
        var sum = 0.0, n = 0
        for i in 1..<(close.count - 6) where flags[i] == 1 {
            let direction: Double = close[i] > close[i - 1] ? 1 : close[i] < close[i - 1] ? -1 : 0
            sum += -direction * log(close[i + 6] / close[i]) * 1e4
            n += 1
        }
        return (n, n > 0 ? sum / Double(n) : .nan)
    }

    @Test func plantedEffectsFollowTheDetectorsEventsOnly() throws {
        let planted = try CryptoFixtures.simMonth()
        let shock = try Self.reversion("event.vol_shock", planted)
        let dislocation = try Self.reversion("event.liquidity_dislocation", planted)
        let burst = try Self.reversion("event.volume_burst", planted)
        print("planted: VOL_SHOCK \(shock), LIQUIDITY_DISLOCATION \(dislocation), VOLUME_BURST \(burst)")
        #expect(shock.events >= 40 && shock.bps > 20)
        #expect(dislocation.events >= 20 && dislocation.bps > 8)
        #expect(burst.events >= 20 && abs(burst.bps) < 8)
        let none = try CryptoFixtures.simMonth(effects: "none")
        let flat = try Self.reversion("event.vol_shock", none)
        print("effects=none: VOL_SHOCK \(flat)")
        #expect(flat.events >= 40 && abs(flat.bps) < 8)
    }
}
