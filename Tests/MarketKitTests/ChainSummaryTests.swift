import MarketKit
import PackKit
import Testing

@Suite struct ChainSummaryTests {
    let snapshot = ChainSnapshot(ts: 1_000 * 60_000_000_000, expiry: 0, spot: 100.4, quotes: [
        OptionQuote(right: .call, strike: 100, bid: 1.0, ask: 1.1, iv: 0.20, gamma: 0.10, openInterest: 500),
        OptionQuote(right: .put, strike: 100, bid: 0.6, ask: 0.7, iv: 0.22, gamma: 0.10, openInterest: 900),
        OptionQuote(right: .call, strike: 101, bid: 0.5, ask: 0.6, iv: 0.19, gamma: 0.08, openInterest: 3_000),
        OptionQuote(right: .put, strike: 99, bid: 0.3, ask: 0.4, iv: 0.25, gamma: 0.05, openInterest: 100),
    ])

    @Test func summarisesPinATMAndGamma() {
        let s = ChainSummary(snapshot)
        #expect(s.pinStrike == 101)
        #expect(s.atmStrike == 100)
        #expect(s.atmCallAsk == 1.1 && s.atmPutAsk == 0.7)
        #expect(abs(s.atmIV - 0.21) < 1e-12)
        // gamma·OI: 99 → 5, 100 → 140, 101 → 240; below spot 100.4: 145, above: 240.
        #expect(s.gammaPeakStrike == 101)
        #expect(abs(s.gammaSkew - (145.0 - 240.0) / 385.0) < 1e-12)
    }

    @Test func joinsOnlyKnownSnapshots() throws {
        let minute: Int64 = 60_000_000_000
        // Bars start at minutes 998, 999, 1000: they end at 999, 1000, 1001. The snapshot at
        // minute 1000 is known by the bars ending at 1000 and later, not before.
        let bars = try Frame([.timestamp("ts", [998 * minute, 999 * minute, 1000 * minute])]
            + ["open", "high", "low", "close", "volume"].map { Column.float64($0, [1, 1, 1]) })
        let joined = try MarketFrame.attach([snapshot], to: bars)
        let age = try joined.float64(MarketFrame.chainAge)
        #expect(age[0].isNaN)
        #expect(age[1] == 0 && age[2] == 60)
        #expect(try joined.float64(MarketFrame.pinStrike)[1] == 101)
        #expect(joined.columnNames == MarketFrame.outputSpecs.map(\.name))
    }
}
