#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
@testable import CryptoPack
import PackKit
import Testing

/// The cross-symbol return spread (`ret_spread`, BTCUSDT minus ETHUSDT) on hand-made bars with
/// a gap in ETHUSDT: known answers, NaN where a leg lacks a bar (never a neighbouring bar), the
/// legs as the csv and sim adapters add them, and no value changed when the future is cut off.
@Suite struct SpreadFeatureTests {
    static let t0: Int64 = 1_704_067_200_000_000_000  // 2024-01-01T00:00:00Z
    static let bar: Int64 = 300_000_000_000

    /// BTCUSDT at bars 0…5, closes 100 × 1.1^k then back to 100; ETHUSDT at bars 0, 1, 2, 4, 5 (bar 3 missing).
    static let btcClose = [100, 110, 121, 121, 133.1, 100]
    static let ethBars = [0, 1, 2, 4, 5]
    static let ethClose = [50, 50, 55, 60.5, 50.0]

    static func klines(_ bars: [Int], _ close: [Double]) -> Klines {
        var k = Klines()
        for (b, c) in zip(bars, close) { k.append(ts: t0 + Int64(b) * bar, open: c, high: c, low: c, close: c, volume: 1) }
        return k
    }

    static let btc = klines(Array(0..<6), btcClose)
    static let eth = klines(ethBars, ethClose)

    static func spread(_ frame: Frame, horizon: Int) throws -> [Double] {
        Array(try CryptoFixtures.compute(returnSpread, frame, ["horizon": .number(Double(horizon))]).float64("value"))
    }

    /// Equal, NaN equal to NaN, within 1e-12.
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : abs($0 - $1) < 1e-12 }
    }

    @Test func knownAnswersWithAGapInTheOtherLeg() throws {
        let frame = try Self.btc.frame(funding: FundingRates(), legs: SpreadLegs(bars: [Self.btc, Self.eth]))
        #expect(Array(try frame.float64("btc_close")) == Self.btcClose)
        // ETHUSDT's missing bar 3 is NaN on BTCUSDT's row 3, not its bar 2 or bar 4.
        #expect(Self.same(Array(try frame.float64("eth_close")), [50, 50, 55, .nan, 60.5, 50]))
        let l = log(1.1)
        // h = 1: row 1 BTC +ln 1.1, ETH 0; row 2 both +ln 1.1; rows 3 and 4 touch the missing bar;
        // row 5 BTC −3 ln 1.1, ETH −2 ln 1.1.
        #expect(Self.same(try Self.spread(frame, horizon: 1), [.nan, l, 0, .nan, .nan, -l]))
        // h = 3: row 3 needs ETH's bar 3; row 4 both +2 ln 1.1; row 5 BTC ln(100/121), ETH ln(50/55).
        #expect(Self.same(try Self.spread(frame, horizon: 3), [.nan, .nan, .nan, .nan, 0, -l]))
        // On ETHUSDT's own rows (bars 0, 1, 2, 4, 5) the legs are the same closes; the horizon
        // counts ETHUSDT's bars, as `ret` does, so its row at bar 4 reaches back to bar 2.
        let ethFrame = try Self.eth.frame(funding: FundingRates(), legs: SpreadLegs(bars: [Self.btc, Self.eth]))
        #expect(Self.same(try Self.spread(ethFrame, horizon: 1), [.nan, l, 0, log(133.1 / 121) - log(60.5 / 55), -l]))
        // Without the other leg (a single-symbol source), every value is NaN.
        let alone = try Self.btc.frame(funding: FundingRates(), legs: SpreadLegs(bars: [Self.btc, nil]))
        #expect(try Self.spread(alone, horizon: 1).allSatisfy(\.isNaN))
    }

    /// Prefix-truncation invariance, the host's causality rule: each prefix of the rows gives the
    /// full run's values on the rows it keeps.
    @Test func noValueChangesWhenTheFutureIsCut() throws {
        let frame = try Self.btc.frame(funding: FundingRates(), legs: SpreadLegs(bars: [Self.btc, Self.eth]))
        let full = try Self.spread(frame, horizon: 1)
        for cut in 1..<frame.rowCount {
            let prefix = try Frame([.timestamp("ts", Array(try frame.timestamps("ts")[..<cut]))]
                                   + SpreadLegs.columns.map { .float64($0, Array(try frame.float64($0)[..<cut])) })
            #expect(Self.same(try Self.spread(prefix, horizon: 1), Array(full[..<cut])), "cut at \(cut)")
        }
    }

    /// The csv adapter reads the other leg from the same folder, matched bar by bar.
    @Test func csvAdapterAddsTheOtherLegFromTheFolder() throws {
        func file(_ k: Klines) -> String {
            "ts,open,high,low,close,volume\n" + k.ts.indices.map { "\(UTCTime.format(k.ts[$0])),\(k.close[$0]),\(k.close[$0]),\(k.close[$0]),\(k.close[$0]),1.0\n" }.joined()
        }
        try CSVAdapterTests.withFolder(["BTCUSDT_5m_x.csv": file(Self.btc), "ETHUSDT_5m_x.csv": file(Self.eth)]) { dir in
            let frame = try CSVAdapterTests.read("2024-01-01", "2024-01-01", ["source": .string(dir)])
            #expect(Self.same(Array(try frame.float64("eth_close")), [50, 50, 55, .nan, 60.5, 50]))
            #expect(Self.same(try Self.spread(frame, horizon: 1), [.nan, log(1.1), 0, .nan, .nan, -log(1.1)]))
        }
    }

    /// The simulation has both symbols: each frame carries both legs, at its own bars.
    @Test func simFramesCarryBothLegs() throws {
        let btc = try CryptoFixtures.read(simAdapter, start: "2024-01-01", end: "2024-01-01", symbol: "BTCUSDT")
        let eth = try CryptoFixtures.read(simAdapter, start: "2024-01-01", end: "2024-01-01", symbol: "ETHUSDT")
        #expect(Array(try btc.float64("btc_close")) == Array(try btc.float64("close")))
        #expect(Array(try btc.float64("eth_close")) == Array(try eth.float64("close")))
        #expect(Array(try eth.float64("btc_close")) == Array(try btc.float64("close")))
        #expect(Self.same(try Self.spread(btc, horizon: 3), try Self.spread(eth, horizon: 3)))
    }
}
