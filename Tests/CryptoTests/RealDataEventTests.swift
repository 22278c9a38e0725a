@testable import CryptoPack
import PackKit
import Testing

/// The detectors on the real Binance 5-minute bars (BTCUSDT 2023Q1, 20,000 bars): how many
/// events each finds and in which states — the figures quoted in the pack's README.
@Suite struct RealDataEventTests {
    @Test(.enabled(if: CryptoFixtures.exists(CryptoFixtures.data))) func detectorsOnBTCUSDT2023Q1() throws {
        let bars = try CryptoFixtures.read(csvAdapter, start: "2023-01-01", end: "2023-03-31", symbol: "BTCUSDT",
                                           ["source": .string(CryptoFixtures.data + "/binance")])
        #expect(bars.rowCount == 20_000)
        var counts: [String: Int] = [:]
        for detector in Crypto.events {
            let name = String(detector.info.id.dropFirst(6))
            let out = try CryptoFixtures.compute(detector, bars)
            let flag = try out.float64("\(name)_flag"), state = try out.float64("\(name)_state")
            counts[name] = flag.filter { $0 == 1 }.count
            // Warm-up only is NaN, every later row a flag of 0/1 and a state code 0–3.
            #expect(flag.prefix(MarketState.lookback).allSatisfy { $0.isNaN })
            #expect(flag.dropFirst(MarketState.lookback).allSatisfy { $0 == 0 || $0 == 1 })
            #expect(state.dropFirst(MarketState.lookback).allSatisfy { [0, 1, 2, 3].contains($0) })
            let byState = (0...3).map { s in zip(flag, state).filter { $0.0 == 1 && $0.1 == Double(s) }.count }
            print("real BTCUSDT 5m 2023Q1: \(name) \(counts[name]!) events, by state \(byState)")
        }
        #expect(counts["vol_shock"]! > 50 && counts["volume_burst"]! > 50)
        #expect(counts["funding_extreme"] == 0)  // no funding file: no known rate, no event
    }
}
