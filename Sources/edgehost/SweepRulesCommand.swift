import ArgumentParser
import Foundation
import Host
import Indicators
import MarketKit
import PackKit

struct SweepRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-rules",
        abstract: "Threshold × holding-period sweep of a long rule on a signal of close, vectorbt's semantics.",
        discussion: """
            For each (threshold, hold): enter long at the close of bar i when signal[i] >= threshold (NaN never \
            enters) and no position is open; exit at the close of bar i + hold, or of the last bar. Trades never \
            overlap and none starts on an exit bar (as vectorbt's Portfolio.from_signals does with those entries \
            and exits); each puts all the equity in, without fees: close[exit] / close[entry] - 1.

            Per configuration: trades (one still open at the end counts, valued at the last close), total \
            return (compounded), win rate (exit close above entry close) and Sharpe: mean over sample deviation \
            (ddof 1) of the per-bar strategy returns on every bar, times sqrt(252 * 390); null without trades \
            (vectorbt says inf). Benchmarks/sweep_rules/compare.py checks every figure against vectorbt.

            Signals (NAME:PARAM on close): zscore:N (z-score over N bars), rsi:N, ret:N (N-bar log return), or \
            any builtin reading close alone with one output (sma:N, ema:N, realized_vol:N, log_return).

            Example:
              edgehost sweep-rules --bars ../shared/data/spy/SPY_1m_2024.csv \\
                --signal zscore:60 --thresholds 0.5,1,1.5,2 --holds 5,10,30 \\
                --start 2024-04-01 --end 2024-06-25 --out sweep.json
            """)

    @Option(help: ArgumentHelp("1-minute bars CSV (ts,open,high,low,close,volume).", valueName: "file")) var bars: String
    @Option(help: ArgumentHelp("Signal on close, NAME:PARAM.", valueName: "signal")) var signal = "zscore:60"
    @Option(help: ArgumentHelp("Entry thresholds, comma-separated.", valueName: "list")) var thresholds: String
    @Option(help: ArgumentHelp("Holding periods in bars, comma-separated.", valueName: "list")) var holds: String
    @Option(help: ArgumentHelp("First New York date (YYYY-MM-DD).", valueName: "date")) var start: String?
    @Option(help: ArgumentHelp("Last New York date (YYYY-MM-DD), included.", valueName: "date")) var end: String?
    @Option(help: "Configurations listed in the table (best Sharpe first).") var top = 10
    @Flag(help: "Print the report as JSON instead of the table.") var json = false
    @Option(help: ArgumentHelp("Also write the JSON report here (atomically).", valueName: "file")) var out: String?
    @Flag(help: "Add the engine's own times to the JSON on stdout (then not byte-for-byte repeatable).") var timing = false
    @Option(help: "Run the sweep this many times; --timing reports the fastest.") var repeats = 1
    @Option(help: "Refuse a grid of more configurations than this (README \"Input limits\").") var maxConfigs = SweepLimit.defaultMax

    func run() throws {
        let rule = try RuleSignal(parsing: signal)
        let levels = try list(thresholds, "--thresholds") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
        let periods = try list(holds, "--holds") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        let grid: [(name: String, count: Int)] = [("thresholds", levels.count), ("holds", periods.count)]
        let configs = try SweepLimit.check(grid, max: maxConfigs)
        let from = try start.map { NewYorkCalendar.nanosecondRange(ofDay: try day($0, "--start")).lowerBound } ?? .min
        let to = try end.map { NewYorkCalendar.nanosecondRange(ofDay: try day($0, "--end")).upperBound } ?? .max
        let frame = try MinuteBarsFile.read(path: bars, from: from, to: to)
        let closes = Array(try frame.float64("close"))
        let ts = try frame.timestamps()
        guard !closes.isEmpty else { throw RuleSweepError("\(bars): no bars from \(start ?? "the start") to \(end ?? "the end")") }

        SweepLimit.announce(configs, grid)
        var clock = Stopwatch()
        let values = try rule.compute(closes: closes)
        let signalSeconds = clock.lap()
        var results: [RuleResult] = []
        var sweepSeconds = Double.infinity
        for _ in 0..<repeats {
            results = try RuleSweep.run(closes: closes, signal: values, thresholds: levels, holds: periods,
                                        progress: json || timing ? .silent : Progress("[sweep-rules]"))
            sweepSeconds = min(sweepSeconds, clock.lap())
        }

        let ranked = results.indices.sorted { a, b in Self.better(results[a], results[b]) || (!Self.better(results[b], results[a]) && a < b) }
        var report: [String: JSON] = [
            "bars_file": .string(bars), "signal": .string(rule.description), "bars": .number(Double(closes.count)),
            "first_bar": .string(Timestamps.iso(ts[0])), "last_bar": .string(Timestamps.iso(ts[ts.count - 1])),
            "start": start.map(JSON.string) ?? .null, "end": end.map(JSON.string) ?? .null,
            "thresholds": .array(levels.map(JSON.number)), "holds": .array(periods.map { .number(Double($0)) }),
            "configs": .number(Double(results.count)), "bars_per_year": .number(RuleSweep.barsPerYear),
            "results": .array(results.map(\.json)), "best": ranked.first.map { results[$0].json } ?? .null,
        ]
        if let out { try AtomicFile.write(JSON.object(report).prettyText, to: out) }
        if timing {
            report["timing"] = .object(["signal_seconds": .number(signalSeconds), "sweep_seconds": .number(sweepSeconds),
                                        "configs_per_second": .number(Double(results.count) / sweepSeconds),
                                        "repeats": .number(Double(repeats))])
        }
        if json || timing {
            print(JSON.object(report).prettyText, terminator: "")
            return
        }
        printTable(results, ranked: ranked, rule: rule, bars: closes.count, first: ts[0], last: ts[ts.count - 1])
    }

    private func printTable(_ results: [RuleResult], ranked: [Int], rule: RuleSignal, bars: Int, first: Int64, last: Int64) {
        print("sweep-rules \(rule) on \(bars) bars (\(Timestamps.iso(first)) … \(Timestamps.iso(last))): \(results.count) configurations tried")
        let widths = [10, 6, 7, 9, 13, 9]
        func row(_ cells: [String]) { print(zip(cells, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined(separator: " ")) }
        row(["threshold", "hold", "trades", "win rate", "total return", "Sharpe"])
        for k in ranked.prefix(max(top, 0)) {
            let r = results[k]
            row(["\(r.threshold)", "\(r.hold)", "\(r.trades)", Self.fixed(r.winRate, 3), Self.fixed(r.totalReturn, 6), Self.fixed(r.sharpe, 3)])
        }
        if let k = ranked.first {
            let r = results[k]
            print("best: threshold \(r.threshold), hold \(r.hold): \(r.trades) trades, total return \(String(format: "%.6f", r.totalReturn)), Sharpe \(Self.fixed(r.sharpe, 3))")
        }
        if let out { print("  report: \(out)") }
    }

    /// Higher Sharpe first; NaN (no trades) after every number.
    private static func better(_ a: RuleResult, _ b: RuleResult) -> Bool {
        a.sharpe.isNaN ? false : b.sharpe.isNaN || a.sharpe > b.sharpe
    }

    private static func fixed(_ x: Double, _ digits: Int) -> String { x.isNaN ? "n/a" : String(format: "%.\(digits)f", x) }

    private func day(_ text: String, _ option: String) throws -> Int32 {
        do { return try Timestamps.parseDate(text) } catch { throw ValidationError("\(option): \(error)") }
    }

    /// A comma-separated option's values; the error names the option and the bad item.
    private func list<T>(_ text: String, _ option: String, _ parse: (String) -> T?) throws -> [T] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try items.map { item in
            guard let value = parse(item) else {
                throw ValidationError("\(option): '\(EscapedText.text(item))' in '\(EscapedText.text(text))' is not \(option == "--holds" ? "a bar count ≥ 1" : "a finite number")")
            }
            return value
        }
    }
}

/// Elapsed monotonic time between laps, in seconds.
private struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
