import Testing
@testable import Host

/// Each risk control on a price path built to trigger it at one known bar.
@Suite struct StrategyRiskControlTests {
    @Test func minQtyDropsInsteadOfInflating() throws {
        var rules = StrategyRiskRules.plain
        rules.startingBalanceUSD = 50
        // 50 USD buys 0.0005 BTC at 100,000: below one 0.001 lot.
        let path = StrategyPath(bars: 5, start: 100_000, steps: [1: 100_100], events: [1])
        let run = StrategyEngine(blueprint: .test(), rules: rules).run([try path.bars()])
        #expect(run.trades.isEmpty)
        #expect(run.drops == [StrategyDrop(symbol: "BTCUSDT", reason: .minQty, signalIndex: 1, entryIndex: 2)])
        #expect(run.dropsByReason["min_qty"] == 1)
    }

    @Test func dailyLossCapStopsEntriesForTheRestOfTheUTCDay() throws {
        var rules = StrategyRiskRules.plain
        rules.dailyLossCapUSD = 500
        // Hourly bars from midnight: long at bar 3 (101) out at bar 4 (91): −99.009 × 10 = −990 USD.
        // The event at bar 6 (same day) is dropped; the one at bar 25 (next day) trades.
        let path = StrategyPath(bars: 30, steps: [2: 101, 3: 91, 6: 92, 25: 93], events: [2, 6, 25], stepMinutes: 60)
        let run = StrategyEngine(blueprint: .test(), rules: rules).run([try path.bars()])
        #expect(run.trades.map(\.entryIndex) == [3, 26])
        #expect(abs(run.trades[0].pnl - -990.09) < 1e-6)
        #expect(run.drops == [StrategyDrop(symbol: "BTCUSDT", reason: .dailyCap, signalIndex: 6, entryIndex: 7)])
    }

    @Test func lossStreakHaltsEntriesUntilTheCooldownEnds() throws {
        var rules = StrategyRiskRules.plain
        rules.lossStreakMax = 2
        rules.sessionCooldownMinutes = 60
        // Two losing longs (101 → 100) exit at bars 3 and 5: halted until bar 5 + 12 five-minute bars = bar 17.
        let path = StrategyPath(bars: 22, steps: [1: 101, 2: 100, 3: 101, 4: 100, 5: 101, 15: 102, 16: 103], events: [1, 3, 5, 15, 16])
        let run = StrategyEngine(blueprint: .test(), rules: rules).run([try path.bars()])
        #expect(run.trades.map(\.entryIndex) == [2, 4, 17])
        #expect(run.trades.prefix(2).allSatisfy { $0.pnl < 0 })
        #expect(run.drops.map(\.reason) == [.streakHalt, .streakHalt])
        #expect(run.drops.map(\.entryIndex) == [6, 16])
    }

    @Test func nearLiquidationDropsBothSides() throws {
        var rules = StrategyRiskRules.plain
        rules.leverage = 10
        rules.maintenanceMarginRate = 0.005
        rules.slBufferMultiplier = 10
        // Liquidation ≈ 1/10 − 0.005 = 9.5 % away; 10 × a 100 bps stop = 10 % > 9.5 %.
        let path = StrategyPath(bars: 8, steps: [1: 101, 4: 99], events: [1, 4])
        let run = StrategyEngine(blueprint: .test(stopBps: 100), rules: rules).run([try path.bars()])
        #expect(run.trades.isEmpty)
        #expect(run.drops == [StrategyDrop(symbol: "BTCUSDT", reason: .nearLiquidationLong, signalIndex: 1, entryIndex: 2),
                              StrategyDrop(symbol: "BTCUSDT", reason: .nearLiquidationShort, signalIndex: 4, entryIndex: 5)])
        rules.slBufferMultiplier = 9 // 9 % < 9.5 %: both trade
        #expect(StrategyEngine(blueprint: .test(stopBps: 100), rules: rules).run([try path.bars()]).trades.count == 2)
    }

    @Test func minFreeBalanceCountsMarginHeldByAnotherSymbol() throws {
        var rules = StrategyRiskRules.plain
        rules.startingBalanceUSD = 1_000
        rules.notionalCapUSD = 600
        rules.minFreeBalanceUSD = 500
        // BTCUSDT holds ~600 USD of margin from bar 2; ETHUSDT's entry at bar 3 sees 400 free.
        let btc = StrategyPath(bars: 10, steps: [1: 101], events: [1])
        let eth = StrategyPath(bars: 10, steps: [2: 101], events: [2])
        let run = StrategyEngine(blueprint: .test(horizon: 5), rules: rules).run([try btc.bars("BTCUSDT"), try eth.bars("ETHUSDT")])
        #expect(run.trades.map(\.symbol) == ["BTCUSDT"])
        #expect(run.drops == [StrategyDrop(symbol: "ETHUSDT", reason: .minFreeBalance, signalIndex: 2, entryIndex: 3)])
    }
}
