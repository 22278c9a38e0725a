import Foundation
import PackKit
import Testing
@testable import Host

/// The files a strategy backtest writes, its leaderboard row, the strategy catalogue, and the
/// kill switch reading them back.
@Suite struct StrategyBacktestTests {
    static func workspace() throws -> Workspace {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return Workspace(root: dir.path)
    }

    /// Two days of 5-minute bars: a winning long on day 1, a losing one on day 2 (−3 %).
    static func bars() throws -> StrategyBars {
        try StrategyPath(bars: 576, steps: [10: 101, 12: 103, 300: 104, 302: 100.88], events: [10, 300]).bars()
    }

    @Test func writesReportTradesPlotsAndALeaderboardRow() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: ws.root) }
        let store = try SQLiteLeaderboard(path: ws.database)
        let budgets: JSON = .object(["taker_fee_bps": .number(4), "min_trades": .number(3), "max_drawdown": .number(0.2)])
        let outcomes = try StrategyBacktest(workspace: ws, runID: "r1", leaderboard: store)
            .run([.test(horizon: 3)], bars: ["vol_shock": [try Self.bars()]], riskProfile: "balanced", budgets: budgets, dataSHA: "abc")
        let o = try #require(outcomes.first)
        #expect(o.run.trades.map(\.entryIndex) == [11, 301])
        #expect(o.status == "fail") // two trades < min_trades 3
        for path in [o.files.report, o.files.trades, o.files.equityPlot, o.files.drawdownPlot] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
        let report = try JSON.parse(try String(contentsOfFile: o.files.report, encoding: .utf8))
        #expect(report["metrics"]?["trades"] == .number(2))
        #expect(report["drops_by_reason"]?["min_qty"] == .number(0))
        #expect(item(report["symbols"], 0)?["bar_seconds"] == .number(300))
        #expect(item(report["gate"]?["reasons"], 0)?.stringValue == "trades 2 < min_trades 3")
        let csv = try String(contentsOfFile: o.files.trades, encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
        #expect(try String(contentsOfFile: o.files.equityPlot, encoding: .utf8).contains("<svg"))
        let rows = try store.rows(model: "strategy.test")
        #expect(rows.count == 1)
        #expect(rows.first?.trades == 2)
        #expect(rows.first?.gateStatus == "fail")
        #expect(rows.first?.runID == "r1")
        // Rerunning replaces the row.
        _ = try StrategyBacktest(workspace: ws, runID: "r1", leaderboard: store)
            .run([.test(horizon: 3)], bars: ["vol_shock": [try Self.bars()]], riskProfile: "balanced", budgets: budgets, dataSHA: "abc")
        #expect(try store.count() == 1)
    }

    @Test func killSwitchPassWarnHaltAndItsFile() throws {
        let ws = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: ws.root) }
        let outcomes = try StrategyBacktest(workspace: ws, runID: "r1", leaderboard: nil)
            .run([.test(horizon: 3)], bars: ["vol_shock": [try Self.bars()]], riskProfile: "p", budgets: .object([:]), dataSHA: "abc")
        let drawdown = try #require(outcomes.first?.run.maxDrawdown)
        #expect(drawdown < -0.02)
        #expect(drawdown > -0.04)
        let lastBar = try Self.bars().ts.last!, bar: Int64 = 300_000_000_000
        func check(_ ageBars: Int64, maxDrawdown: Double) throws -> KillSwitch {
            try KillSwitch(workspace: ws, runID: "r1", symbol: "BTCUSDT", maxStalenessBars: 3, maxDrawdown: maxDrawdown,
                           maxSlippageRatio: 2.5, now: lastBar + bar + ageBars * bar)
        }
        #expect(try check(1, maxDrawdown: -0.15).verdict == .pass)
        #expect(try check(3, maxDrawdown: -0.15).verdict == .warn)   // 3 > 0.8 × 3
        #expect(try check(4, maxDrawdown: -0.15).verdict == .halt)   // 4 > 3
        let halted = try check(0, maxDrawdown: -0.02)                 // the run fell below −2 %
        #expect(halted.verdict == .halt)
        #expect(halted.checks.map(\.verdict) == [.pass, .halt, .pass])
        let path = try halted.write(workspace: ws)
        #expect(path == ws.path("runs", "r1", "kill_switch_status.json"))
        let written = try JSON.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(written["status"] == .string("HALT"))
        #expect(item(written["checks"], 1)?["verdict"] == .string("HALT"))
        #expect(throws: EdgehostError.self) { try KillSwitch(workspace: ws, runID: "r1", symbol: "ETHUSDT", maxStalenessBars: 3, maxDrawdown: -0.15, maxSlippageRatio: 2.5, now: lastBar) }
    }

    @Test func unknownStrategyListsTheKnownOnes() throws {
        let yaml = "name: vol_shock_mr_v1\nevent_type: VOL_SHOCK\nsymbol: BTCUSDT\nverb: mean_revert\nstate: '*'\nhorizon_bars: 6\nstop_bps: 80\n"
        let catalogue = StrategyCatalogue(pack: "crypto", resources: ["strategies/vol_shock_mr_v1.yaml": Array(yaml.utf8), "defaults.yaml": []])
        #expect(catalogue.names == ["vol_shock_mr_v1"])
        #expect(try catalogue.resolve("vol_shock_mr_v1").horizonBars == 6)
        #expect { try catalogue.resolve("nope") } throws: { error in
            let e = error as? EdgehostError
            return e?.exit == .badInput && e?.message.contains("known: vol_shock_mr_v1") == true
        }
    }

    @Test func freshnessAgesInBarsFromTheClose() throws {
        let bar: Int64 = 300_000_000_000
        let f = Freshness(newest: [("BTCUSDT", 0), ("ETHUSDT", -4 * bar), ("SOLUSDT", nil)], now: 3 * bar, barNanoseconds: bar, maxStalenessBars: 3)
        #expect(f.rows.map(\.ageBars) == [2, 6, .infinity])
        #expect(f.rows.map(\.stale) == [false, true, true])
        #expect(f.rows[1].line.hasPrefix("ETHUSDT: STALE"))
        #expect(f.rows[1].line.hasSuffix("age 6.0 bars"))
        #expect(try Freshness.barLength("5m") == bar)
        #expect(throws: EdgehostError.self) { try Freshness.barLength("5x") }
    }
}

/// Element `i` of a JSON array.
func item(_ json: JSON?, _ i: Int) -> JSON? {
    guard case .array(let a)? = json, a.indices.contains(i) else { return nil }
    return a[i]
}
