import Foundation
import PackKit
import Testing
@testable import Host

/// The strategy backtester against an independent pandas loop (Tests/oracles/strategy_reference.py)
/// on real Binance BTCUSDT 5-minute bars, every control switched on: the same trades, the same
/// prices and P&L, the same daily returns to 1e-9.
@Suite struct StrategyOracleTests {
    static let csv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/crypto/binance/BTCUSDT_5m_2023Q1.csv").path
    static let rows = 6_000
    static let eventMove = 0.004

    static var budgets: JSON {
        .object([
            "taker_fee_bps": .number(4), "slippage_base_bps": .number(0.5), "slippage_bps_per_range_pct": .number(1.5),
            "slippage_low_volume": .number(50), "notional_cap_usd": .number(6_000), "leverage": .number(3), "lot_step": .number(0.001),
            "min_qty": .number(0.001), "daily_loss_cap_usd": .number(60), "loss_streak_max": .number(3),
            "session_cooldown_minutes": .number(240), "sl_buffer_multiplier": .number(3), "maintenance_margin_rate": .number(0.005),
            "min_free_balance_usd": .number(500), "starting_balance_usd": .number(10_000),
        ])
    }

    /// The test's event rule, as the oracle computes it: |close_t / close_{t−1} − 1| > 0.4 %.
    static func bars() throws -> StrategyBars {
        let frame = try KlineFile.read(path: csv)
        let close = Array(try frame.float64("close"))
        let n = min(rows, close.count)
        let flag = (0..<close.count).map { i in i > 0 && abs(close[i] / close[i - 1] - 1) > eventMove ? 1.0 : 0 }
        let all = try StrategyBars(symbol: "BTCUSDT", frame: frame, flag: flag, state: flag.map { _ in 0 })
        let ts = Array(try frame.timestamps())
        return try all.slice(from: ts[0], to: ts[n - 1] + 1)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: csv), "needs ../shared/data/crypto"))
    func sameTradesAndReturnsAsThePandasLoop() throws {
        let blueprint = StrategyBlueprint(name: "oracle", eventType: "MOVE", verb: .meanRevert, horizonBars: 6, stopBps: 60)
        let rules = try StrategyRiskRules(budgets: Self.budgets, source: "test")
        let run = StrategyEngine(blueprint: blueprint, rules: rules).run([try Self.bars()])
        let spec: JSON = .object(["csv": .string(Self.csv), "rows": .number(Double(Self.rows)), "event_move": .number(Self.eventMove),
                                  "blueprint": blueprint.json, "rules": Self.budgets])
        let output = try PythonOracle.run([PythonOracle.script("strategy_reference.py")], input: spec.text)
        let reference = try JSON.parse(output)
        guard case .array(let trades)? = reference["trades"], case .array(let daily)? = reference["daily_returns"] else {
            Issue.record("oracle output: \(output.prefix(300))")
            return
        }
        #expect(run.trades.count > 20, "too few trades to compare: \(run.trades.count)")
        #expect(run.trades.count == trades.count)
        for (t, r) in zip(run.trades, trades) {
            let indexes = [r["entry"], r["exit"], r["side"]].map { $0?.doubleValue ?? .nan }
            #expect([Double(t.entryIndex), Double(t.exitIndex), Double(t.side)] == indexes)
            #expect(t.exitReason.rawValue == r["reason"]?.stringValue)
            #expect(t.qty == r["qty"]?.doubleValue)
            #expect(abs(t.entryPrice - (r["entry_price"]?.doubleValue ?? .nan)) <= 1e-9 * t.entryPrice)
            #expect(abs(t.exitPrice - (r["exit_price"]?.doubleValue ?? .nan)) <= 1e-9 * t.exitPrice)
            #expect(abs(t.pnl - (r["pnl"]?.doubleValue ?? .nan)) <= 1e-9)
        }
        let returns = run.dailyReturns
        #expect(returns.count == daily.count)
        for (a, b) in zip(returns, daily) { #expect(abs(a - (b.doubleValue ?? .nan)) <= 1e-9) }
        // The controls fired on this path, and both sides counted them alike.
        let counts = run.dropsByReason.filter { $0.value > 0 }.mapValues { JSON.number(Double($0)) }
        #expect(JSON.object(counts) == reference["drops"])
        let fired = run.drops.filter { $0.reason == .dailyCap || $0.reason == .streakHalt }
        #expect(!fired.isEmpty)
    }
}
