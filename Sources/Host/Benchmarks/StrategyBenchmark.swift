import Foundation
import PackKit

/// `edgehost bench strategy`: the strategy backtester over a bars file with the benchmark's
/// event rule (|close_t / close_{t−1} − 1| > `eventMove`), best of `repeats`; writes the trades
/// for Benchmarks/strategy/compare.py to check against vectorbt.
public enum StrategyBenchmark {
    public static func run(barsFile: String, eventMove: Double, blueprint: StrategyBlueprint, rules: StrategyRiskRules,
                           repeats: Int, tradesOut: String?) throws -> String {
        let frame = try KlineFile.read(path: barsFile)
        let close = Array(try frame.float64("close"))
        let flag = close.indices.map { i in i > 0 && abs(close[i] / close[i - 1] - 1) > eventMove ? 1.0 : 0 }
        let bars = try StrategyBars(symbol: "BENCH", frame: frame, flag: flag, state: flag.map { _ in 0 })
        let engine = StrategyEngine(blueprint: blueprint, rules: rules)
        var best = Double.infinity
        var last: StrategyRun?
        for _ in 0..<max(repeats, 1) {
            let began = DispatchTime.now().uptimeNanoseconds
            last = engine.run([bars])
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
        }
        guard let run = last else { throw WorkspaceError("no run") }
        if let tradesOut { try AtomicFile.write(StrategyFiles.tradesCSV(run.trades), to: tradesOut) }
        return JSON.object([
            "bench": .string("strategy_backtest"), "bars": .number(Double(bars.count)), "events": .number(Double(flag.filter { $0 == 1 }.count)),
            "trades": .number(Double(run.trades.count)), "seconds": .number(best), "bars_per_s": .number((Double(bars.count) / best).rounded()),
            "final_equity_usd": .number(run.finalEquity),
        ]).text
    }
}
