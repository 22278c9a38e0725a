#if canImport(Glibc)
import Glibc
#endif
@testable import CryptoPack
import PackKit
import Testing

/// Each detector on hand-made bars: it fires exactly at the constructed event, from that bar's
/// data, and stamps the state code the fixed encoding gives.
@Suite struct EventDetectorTests {
    static let n = 400

    /// 5-minute bars from 2024-01-01 with the given closes; high/low 0.05 % around the close,
    /// volume 10, funding 0.0001, unless replaced.
    static func bars(close: [Double], high: [Double]? = nil, low: [Double]? = nil, volume: [Double]? = nil,
                     funding: [Double]? = nil) throws -> Frame {
        try Frame([.timestamp("ts", close.indices.map { 1_704_067_200_000_000_000 + Int64($0) * 300_000_000_000 }),
                   .float64("open", close), .float64("high", high ?? close.map { $0 * 1.0005 }),
                   .float64("low", low ?? close.map { $0 * 0.9995 }), .float64("close", close),
                   .float64("volume", volume ?? close.map { _ in 10 }),
                   .float64("funding_rate", funding ?? close.map { _ in 0.0001 })])
    }

    /// 100 and 100.1 in turn (a range with constant volatility), times `level` from `step` on.
    static func alternating(step: Int = .max, level: Double = 1) -> [Double] {
        (0..<n).map { (i: Int) -> Double in (i % 2 == 0 ? 100 : 100.1) * (i >= step ? level : 1) }
    }

    static func flags(_ id: String, _ frame: Frame, _ params: [String: JSON] = [:]) throws -> (flag: [Double], state: [Double]) {
        let detector = Crypto.events.first { $0.info.id == "event.\(id)" }!
        let out = try CryptoFixtures.compute(detector, frame, params)
        return (Array(try out.float64("\(id)_flag")), Array(try out.float64("\(id)_state")))
    }

    /// Rows from the end of warm-up whose flag is 1.
    static func fired(_ flag: [Double]) -> [Int] { (MarketState.lookback..<flag.count).filter { flag[$0] == 1 } }

    @Test func volShockFiresAtTheJumpBarOnly() throws {
        let (flag, state) = try Self.flags("vol_shock", try Self.bars(close: Self.alternating(step: 350, level: 1.02)))
        #expect(Self.fired(flag) == [350])
        #expect(flag[..<MarketState.lookback].allSatisfy(\.isNaN) && state[..<MarketState.lookback].allSatisfy(\.isNaN))
        #expect(flag[MarketState.lookback...].allSatisfy { $0 == 0 || $0 == 1 })
        #expect(state[MarketState.lookback...].allSatisfy { [0, 1, 2, 3].contains($0) })
        // A higher threshold than the 2 % jump's multiple of the 0.1 % RMS: no event.
        #expect(Self.fired(try Self.flags("vol_shock", try Self.bars(close: Self.alternating(step: 350, level: 1.02)), ["threshold": .number(25)]).flag).isEmpty)
    }

    /// Wide for its volume and wide for the recent range: the 2 % bar on a volume of 3 fires; the
    /// same bar on a volume of 40 (range per unit traded near usual) does not.
    @Test func liquidityDislocationNeedsAWideBarOnThinVolume() throws {
        let close = Self.alternating()
        var high = close.map { $0 * 1.0005 }, low = close.map { $0 * 0.9995 }, volume = close.map { _ in 10.0 }
        (high[350], low[350]) = (close[350] * 1.01, close[350] * 0.99)
        high[360] = close[360] * 1.01
        low[360] = close[360] * 0.99
        (volume[350], volume[360]) = (3, 40)  // thin at 350, heavy at 360
        let (flag, _) = try Self.flags("liquidity_dislocation", try Self.bars(close: close, high: high, low: low, volume: volume))
        #expect(Self.fired(flag) == [350])
    }

    @Test func volumeBurstAndFundingExtreme() throws {
        var volume = Self.alternating().map { _ in 10.0 }
        volume[360] = 41
        volume[370] = 39
        #expect(Self.fired(try Self.flags("volume_burst", try Self.bars(close: Self.alternating(), volume: volume)).flag) == [360])
        // A new print of 5 bps at 340 (held), −4 bps at 380; 2 bps before: two events.
        let funding = (0..<Self.n).map { $0 >= 380 ? -0.0004 : $0 >= 340 ? 0.0005 : 0.0002 }
        #expect(Self.fired(try Self.flags("funding_extreme", try Self.bars(close: Self.alternating(), funding: funding)).flag) == [340, 380])
        // No known rate is no event.
        let unknown = try Self.flags("funding_extreme", try Self.bars(close: Self.alternating(), funding: funding.map { _ in .nan }))
        #expect(unknown.flag[MarketState.lookback...].allSatisfy { $0 == 0 })
    }

    /// Trend vs range from the 48-bar move, high vs low vol from the 24-bar realised vol against
    /// its 288-bar median: each case is built far from the boundaries (float noise cannot flip it).
    @Test func stateCodesFollowTheFixedEncoding() throws {
        func state(_ returns: (Int) -> Double) throws -> Double {
            var close = [100.0]
            for i in 1..<Self.n { close.append(close[i - 1] * exp(returns(i))) }
            return try Self.flags("volume_burst", try Self.bars(close: close)).state[345]
        }
        func sign(_ i: Int) -> Double { i % 2 == 0 ? 1 : -1 }
        #expect(try state { sign($0) * ($0 < 300 ? 0.002 : 0.001) } == 0)  // range, quieter than the day: low vol
        #expect(try state { sign($0) * ($0 < 330 ? 0.001 : 0.003) } == 1)  // range, louder: high vol
        #expect(try state { $0 < 300 ? 0.002 : 0.001 } == 2)  // steady climb, quieter: trend/low vol
        #expect(try state { $0 < 330 ? 0.001 : 0.003 } == 3)  // climbing faster: trend/high vol
    }
}
