import Testing
@testable import Host

/// Symbols whose bars do not share timestamps: the engine steps them merged by time and marks
/// an open position at its symbol's last close so far.
@Suite struct StrategyTimelineTests {
    @Test func interleavedSymbolsAreMarkedAtTheirLastCloseAtEveryTimestamp() throws {
        let minute: Int64 = 60_000_000_000
        // A: bars every 5 minutes; an up event at bar 1 → long at bar 2's open 101 (no costs).
        let a = StrategyPath(bars: 6, steps: [1: 101, 3: 103, 4: 104], events: [1])
        // B: three flat bars at minutes 7, 12 and 22, no events.
        let bTimes: [Int64] = [7, 12, 22].map { $0 * minute }
        let b = try StrategyBars(symbol: "ETHUSDT", ts: bTimes, open: [50, 50, 50], high: [50, 50, 50], low: [50, 50, 50],
                                 close: [50, 50, 50], volume: [10, 10, 10], flag: [0, 0, 0], state: [0, 0, 0])
        let run = StrategyEngine(blueprint: .test(horizon: 10), rules: .plain).run([try a.bars("BTCUSDT"), b])
        #expect(run.equity.map { $0.ts / minute } == [0, 5, 7, 10, 12, 15, 20, 22, 25])
        let t = try #require(run.trades.first)
        #expect([t.entryIndex, t.exitIndex] == [2, 5] && t.exitReason == .endOfData)
        let qty = ((10_000.0 / 101) / 0.001).rounded(.down) * 0.001
        #expect(t.qty == qty)
        // Minute 12 is B's bar only: A is marked at its bar 2 close (101); minute 22 at bar 4's (104).
        let want = [10_000, 10_000, 10_000, 10_000, 10_000, 10_000 + qty * 2, 10_000 + qty * 3, 10_000 + qty * 3, 10_000 + qty * 3]
        #expect(zip(run.equity.map(\.equity), want).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(run.exposure == 6.0 / 9)
    }
}
