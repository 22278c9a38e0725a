import Indicators
import MarketKit
import PackKit
import Testing

/// Buying 0DTE options at the ask must not win on average: with trading-time pricing and a
/// variance risk premium, the mean outcome per trade held to the close is negative but small.
@Suite struct FairChainTests {
    /// Mean return per trade (payoff at the close over the ask) of the ATM call, put and straddle
    /// bought at every decision hour (10:00…15:00 New York).
    static func meanOutcomes(bars: Frame, seed: UInt64) throws -> (call: Double, put: Double, straddle: Double, count: Int) {
        var sums = (0.0, 0.0, 0.0), count = 0
        var open: [(ts: Int64, expiry: Int32, call: Double, put: Double, strike: Double)] = []
        let ts = try bars.timestamps(), close = try bars.float64("close")
        var lastClose: [Int32: Double] = [:]
        for i in 0..<bars.rowCount { lastClose[newYorkDate(ts[i])] = close[i] }
        try ChainSimulator(seed: seed).forEachSnapshot(for: bars, every: 30) { s in
            let minute = (s.ts - NYSECalendar.session(on: s.expiry)!.open) / 60_000_000_000
            guard minute % 60 == 30, minute < NYSECalendar.session(on: s.expiry)!.close / 60_000_000_000 - NYSECalendar.session(on: s.expiry)!.open / 60_000_000_000 else { return }
            let k = s.spot.rounded()
            guard let c = s.quotes.first(where: { $0.strike == k && $0.right == .call }),
                  let p = s.quotes.first(where: { $0.strike == k && $0.right == .put }), c.ask > 0.01, p.ask > 0.01 else { return }
            open.append((s.ts, s.expiry, c.ask, p.ask, k))
        }
        for o in open {
            let end = try #require(lastClose[o.expiry])
            let cp = max(end - o.strike, 0), pp = max(o.strike - end, 0)
            sums.0 += cp / o.call - 1; sums.1 += pp / o.put - 1; sums.2 += (cp + pp) / (o.call + o.put) - 1
            count += 1
        }
        let n = Double(count)
        return (sums.0 / n, sums.1 / n, sums.2 / n, count)
    }

    /// Pooled over three seeds × simulated 2025 (trend +8 %): call −16 %, put −14 %, straddle −14 %.
    /// One seed alone still swings by ±25 % because the chain's ATM vol does not follow the bar
    /// simulator's persistent vol regime (left for issue 14's follow-up), so only the pool is banded.
    @Test func buyingAtTheAskLosesALittleOnAverage() throws {
        var pooled = (0.0, 0.0, 0.0)
        for seed in [1, 2, 3] as [UInt64] {
            let bars = try BarSimulator(seed: seed).bars(from: day("2025-01-02"), through: day("2025-12-31"))
            let m = try Self.meanOutcomes(bars: bars, seed: seed)
            #expect(m.count > 1400)
            pooled = (pooled.0 + m.call / 3, pooled.1 + m.put / 3, pooled.2 + m.straddle / 3)
        }
        for value in [pooled.0, pooled.1, pooled.2] { #expect(value < 0 && value > -0.25, "pooled \(pooled)") }
    }
}
