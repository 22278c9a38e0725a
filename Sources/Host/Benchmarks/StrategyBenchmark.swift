import Foundation
import PackKit

/// `edgehost bench strategy`: the strategy backtester over a bars file with the benchmark's
/// event rule (|close_t / close_{t−1} − 1| > `eventMove`), best of `repeats`; writes the trades
/// for Benchmarks/strategy/compare.py to check against vectorbt.
public enum StrategyBenchmark {
    public static func run(barsFile: String, eventMove: Double, blueprint: StrategyBlueprint, rules: StrategyRiskRules,
                           repeats: Int, tradesOut: String?) throws -> String {
        let frame = try KlineFile.read(path: barsFile)
        let engine = StrategyEngine(blueprint: blueprint, rules: rules)
        var best = Double.infinity
        var last: (bars: StrategyBars, run: StrategyRun)?
        for _ in 0..<max(repeats, 1) {
            // Timed like the vectorbt side: from the parsed bars, the event signals, the backtest, the trades.
            let began = DispatchTime.now().uptimeNanoseconds
            let bars = try eventBars(frame, eventMove: eventMove)
            last = (bars, engine.run([bars]))
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
        }
        guard let (bars, run) = last else { throw WorkspaceError("no run") }
        if let tradesOut { try AtomicFile.write(StrategyFiles.tradesCSV(run.trades), to: tradesOut) }
        return JSON.object([
            "bench": .string("strategy_backtest"), "bars": .number(Double(bars.count)), "events": .number(Double(bars.flag.filter { $0 == 1 }.count)),
            "trades": .number(Double(run.trades.count)), "seconds": .number(best), "bars_per_s": .number((Double(bars.count) / best).rounded()),
            "final_equity_usd": .number(run.finalEquity),
            "scope": .string("event flags from the closes, bars checked, backtest, trades; the bars file parsed before timing"),
        ]).text
    }

    /// The bars with the benchmark's event rule as their flag column (state 0 throughout).
    static func eventBars(_ frame: Frame, eventMove: Double) throws -> StrategyBars {
        let close = try frame.float64("close")
        let flag = close.withUnsafeBufferPointer { close in
            [Double](unsafeUninitializedCapacity: close.count) { flag, count in
                for i in close.indices { flag[i] = i > 0 && abs(close[i] / close[i - 1] - 1) > eventMove ? 1 : 0 }
                count = close.count
            }
        }
        return try StrategyBars(symbol: "BENCH", frame: frame, flag: flag, state: [Double](repeating: 0, count: close.count))
    }
}
