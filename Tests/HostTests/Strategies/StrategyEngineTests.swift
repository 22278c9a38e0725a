import Testing
@testable import Host

/// Fills, fees, slippage, stops and exits on constructed paths, with the numbers worked by hand.
@Suite struct StrategyEngineTests {
    @Test func fillsAtTheNextOpenAndExitsAfterTheHorizonWithFeesAndSlippage() throws {
        // Event at bar 2 (close 100 → 101: up; continue → long), entry at bar 3's open 101,
        // held 2 bars, exit at bar 5's open 103.
        var path = StrategyPath(bars: 8, steps: [2: 101, 4: 103], events: [2])
        path.highs[2] = 102; path.lows[2] = 100 // bar 2 range 2/101 → 1.980198…%
        var rules = StrategyRiskRules()
        rules.takerFeeBps = 4
        rules.slippageBpsPerRangePct = 1
        let run = StrategyEngine(blueprint: .test(horizon: 2), rules: rules).run([try path.bars()])
        #expect(run.trades.count == 1)
        let t = try #require(run.trades.first)
        let entrySlip: Double = 100 * 2.0 / 101 / 10_000
        #expect([t.entryIndex, t.exitIndex, t.side] == [3, 5, 1])
        #expect(t.exitReason == .horizon)
        #expect(t.entryPrice == 101 * (1 + entrySlip))
        // Bar 4 (the last completed before the exit) went 101 → 103: range 2/103 %.
        let exitSlip: Double = 100 * 2.0 / 103 / 10_000
        #expect(t.exitPrice == 103 * (1 - exitSlip))
        let lots: Double = ((10_000 / t.entryPrice) / 0.001).rounded(.down)
        #expect(t.qty == lots * 0.001)
        let fees: Double = t.qty * t.entryPrice * 0.0004 + t.qty * t.exitPrice * 0.0004
        #expect(abs(t.fees - fees) < 1e-9)
        let pnl: Double = t.qty * (t.exitPrice - t.entryPrice) - fees
        #expect(abs(t.pnl - pnl) < 1e-9)
        #expect(abs(run.finalEquity - (10_000 + t.pnl)) < 1e-9)
    }

    @Test func meanRevertSellsAnUpMoveAndStopsIntrabarAtTheStopPrice() throws {
        // Up event at bar 1 → short at bar 2's open 101; stop 100 bps above = 102.01; bar 3's high 103.
        var path = StrategyPath(bars: 6, steps: [1: 101], events: [1])
        path.highs[3] = 103
        let run = StrategyEngine(blueprint: .test(verb: .meanRevert, horizon: 3, stopBps: 100), rules: .plain).run([try path.bars()])
        let t = try #require(run.trades.first)
        #expect([t.side, t.entryIndex, t.exitIndex] == [-1, 2, 3])
        #expect(t.exitReason == .stop)
        #expect(abs(t.exitPrice - 102.01) < 1e-9)
    }

    @Test func aGapThroughTheStopFillsAtTheOpen() throws {
        // Long at bar 2's open 101, stop 99.99; bar 4 opens at 95 (bar 3 closed there).
        let path = StrategyPath(bars: 7, steps: [1: 101, 3: 95], events: [1])
        let run = StrategyEngine(blueprint: .test(horizon: 4, stopBps: 100), rules: .plain).run([try path.bars()])
        let t = try #require(run.trades.first)
        // Bar 3 opens at 101 and closes at 95: its low crosses the stop inside the bar.
        #expect(t.exitIndex == 3)
        #expect(t.exitReason == .stop)
        #expect(abs(t.exitPrice - 99.99) < 1e-9)
        var gapped = StrategyPath(bars: 7, steps: [1: 101, 3: 95], events: [1])
        gapped.lows[3] = 100.5; gapped.closes[3] = 100.5; gapped.opens[4] = 95; gapped.lows[4] = 95
        let gap = StrategyEngine(blueprint: .test(horizon: 4, stopBps: 100), rules: .plain).run([try gapped.bars()])
        let g = try #require(gap.trades.first)
        #expect(g.exitIndex == 4)
        #expect(g.exitReason == .stopGap)
        #expect(g.exitPrice == 95)
    }

    @Test func onePositionPerSymbolAndTheLastBarCloses() throws {
        // Events at 1 and 2: the second comes while the first is held; the one at 5 enters at 6
        // and is closed at bar 7's close when the data ends.
        let path = StrategyPath(bars: 8, steps: [1: 101, 2: 102, 5: 103, 7: 104], events: [1, 2, 5])
        let run = StrategyEngine(blueprint: .test(horizon: 3), rules: .plain).run([try path.bars()])
        #expect(run.trades.map(\.entryIndex) == [2, 6])
        #expect(run.trades.map(\.exitReason) == [.horizon, .endOfData])
        #expect(run.trades[1].exitPrice == 104)
        #expect(run.drops == [StrategyDrop(symbol: "BTCUSDT", reason: .positionOpen, signalIndex: 2, entryIndex: nil)])
    }

    @Test func stateFilterAndBlueprintParsing() throws {
        let json = try YAMLDocument.parse("name: a\nevent_type: VOL_SHOCK\nsymbol: '*'\nverb: mean_revert\nstate: 2\nhorizon_bars: 6\nstop_bps: 50\n", source: "a.yaml")
        let b = try StrategyBlueprint(json: json, source: "a.yaml")
        #expect(b == StrategyBlueprint(name: "a", eventType: "VOL_SHOCK", verb: .meanRevert, state: 2, horizonBars: 6, stopBps: 50))
        #expect(throws: WorkspaceError.self) { try StrategyBlueprint(json: .object(["name": .string("a")]), source: "b.yaml") }
        let path = StrategyPath(bars: 5, steps: [1: 101], events: [1])
        // State 0 everywhere: a blueprint for state 2 never trades.
        #expect(StrategyEngine(blueprint: .test(state: 2), rules: .plain).run([try path.bars()]).trades.isEmpty)
    }
}
