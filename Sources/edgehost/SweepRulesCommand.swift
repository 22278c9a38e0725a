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
    @Option(help: ArgumentHelp("Also write the JSON report here (atomically; a new or regular file, not a link, device or the input).", valueName: "file")) var out: String?
    @Flag(help: "Add the engine's own times to the JSON on stdout (then not byte-for-byte repeatable).") var timing = false
    @Option(help: "Run the sweep this many times; --timing reports the fastest.") var repeats = 1
    @Option(help: "Refuse a grid of more configurations than this (README \"Input limits\").") var maxConfigs = SweepLimit.defaultMax

    func run() throws {
        let levels = try list(thresholds, "--thresholds") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
        let periods = try list(holds, "--holds") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        if let out { try AtomicFile.checkTarget(out, notOneOf: [bars]) }
        let sweep = try RuleSweepReport(bars: bars, signal: signal, thresholds: levels, holds: periods,
                                        start: try start.map { (try day($0, "--start"), $0) }, end: try end.map { (try day($0, "--end"), $0) },
                                        repeats: repeats, maxConfigs: maxConfigs,
                                        progress: json || timing ? .silent : Progress("[sweep-rules]"))
        if let out { try AtomicFile.write(sweep.json.prettyText, to: out) }
        if json || timing {
            print((timing ? sweep.timed(repeats: repeats) : sweep.json).prettyText, terminator: "")
            return
        }
        printTable(sweep)
    }

    private func printTable(_ sweep: RuleSweepReport) {
        let results = sweep.results
        print("sweep-rules \(sweep.signal) on \(sweep.bars) bars (\(Timestamps.iso(sweep.firstBar)) … \(Timestamps.iso(sweep.lastBar))): \(results.count) configurations tried")
        let widths = [10, 6, 7, 9, 13, 9]
        func row(_ cells: [String]) { print(zip(cells, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined(separator: " ")) }
        row(["threshold", "hold", "trades", "win rate", "total return", "Sharpe"])
        for k in sweep.ranked.prefix(max(top, 0)) {
            let r = results[k]
            row(["\(r.threshold)", "\(r.hold)", "\(r.trades)", Self.fixed(r.winRate, 3), Self.fixed(r.totalReturn, 6), Self.fixed(r.sharpe, 3)])
        }
        if let k = sweep.ranked.first {
            let r = results[k]
            print("best: threshold \(r.threshold), hold \(r.hold): \(r.trades) trades, total return \(String(format: "%.6f", r.totalReturn)), Sharpe \(Self.fixed(r.sharpe, 3))")
        }
        if let out { print("  report: \(out)") }
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
