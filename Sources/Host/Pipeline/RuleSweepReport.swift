import Foundation
import Indicators
import MarketKit
import PackKit

/// `edgehost sweep-rules`: a bars file's closes, a signal on them, and every threshold × hold
/// of the long rule, ranked by Sharpe ratio, with the JSON report.
public struct RuleSweepReport: Sendable {
    public let signal: RuleSignal
    public let results: [RuleResult]
    /// Indices into `results`, best first (higher Sharpe; no trades last; ties keep their order).
    public let ranked: [Int]
    public let bars: Int
    public let firstBar: Int64, lastBar: Int64
    /// The report as written to `--out` (no timings: repeatable byte for byte).
    public let json: JSON
    /// The engine's own times: computing the signal, and the fastest of the repeats of the sweep.
    public let signalSeconds: Double, sweepSeconds: Double

    /// `start`/`end` are trading days of `market` (text kept for the report as given); nil = the file's ends.
    public init(bars path: String, signal text: String, thresholds: [Double], holds: [Int],
                start: (day: Int32, text: String)? = nil, end: (day: Int32, text: String)? = nil, repeats: Int = 1,
                maxConfigs: Int = SweepLimit.defaultMax, market: Market = .nyse, progress: Progress = .silent) throws {
        guard repeats >= 1 else { throw RuleSweepError("repeats must be at least 1, got \(repeats)") }
        signal = try RuleSignal(parsing: text)
        let grid: [(name: String, count: Int)] = [("thresholds", thresholds.count), ("holds", holds.count)]
        let configs = try SweepLimit.check(grid, max: maxConfigs)
        let from = start.map { market.calendar.dayRange($0.day).lowerBound } ?? .min
        let to = end.map { market.calendar.dayRange($0.day).upperBound } ?? .max
        let frame = try MinuteBarsFile.read(path: path, from: from, to: to)
        let closes = Array(try frame.float64("close"))
        let ts = try frame.timestamps()
        guard !closes.isEmpty else { throw RuleSweepError("\(path): no bars from \(start?.text ?? "the start") to \(end?.text ?? "the end")") }

        SweepLimit.announce(configs, grid)
        var clock = Stopwatch()
        let values = try signal.compute(closes: closes)
        signalSeconds = clock.lap()
        var results: [RuleResult] = []
        var fastest = Double.infinity
        for _ in 0..<repeats {
            results = try RuleSweep.run(closes: closes, signal: values, thresholds: thresholds, holds: holds, progress: progress)
            fastest = min(fastest, clock.lap())
        }
        sweepSeconds = fastest
        self.results = results
        ranked = results.indices.sorted { a, b in Self.better(results[a], results[b]) || (!Self.better(results[b], results[a]) && a < b) }
        bars = closes.count
        firstBar = ts[0]
        lastBar = ts[ts.count - 1]
        var o: [String: JSON] = [
            "bars_file": .string(path), "signal": .string(signal.description), "bars": .number(Double(closes.count)),
            "first_bar": .string(Timestamps.iso(firstBar)), "last_bar": .string(Timestamps.iso(lastBar)),
        ]
        o["start"] = start.map { JSON.string($0.text) } ?? .null
        o["end"] = end.map { JSON.string($0.text) } ?? .null
        o["thresholds"] = .array(thresholds.map(JSON.number))
        o["holds"] = .array(holds.map { JSON.number(Double($0)) })
        o["configs"] = .number(Double(results.count))
        o["bars_per_year"] = .number(RuleSweep.barsPerYear)
        o["results"] = .array(results.map(\.json))
        o["best"] = ranked.first.map { results[$0].json } ?? .null
        json = .object(o)
    }

    /// The report with the engine's times added (then not byte-for-byte repeatable).
    public func timed(repeats: Int) -> JSON {
        guard case .object(var o) = json else { return json }
        o["timing"] = .object(["signal_seconds": .number(signalSeconds), "sweep_seconds": .number(sweepSeconds),
                               "configs_per_second": .number(Double(results.count) / sweepSeconds), "repeats": .number(Double(repeats))])
        return .object(o)
    }

    /// Higher Sharpe first; NaN (no trades) after every number.
    static func better(_ a: RuleResult, _ b: RuleResult) -> Bool {
        a.sharpe.isNaN ? false : b.sharpe.isNaN || a.sharpe > b.sharpe
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
