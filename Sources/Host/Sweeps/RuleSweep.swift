import Foundation
import PackKit

/// Threshold × holding-period sweeps of a long-only rule on one signal, matching vectorbt's
/// `Portfolio.from_signals` (Benchmarks/sweep_rules/compare.py checks every configuration).
///
/// The rule, per (threshold, hold): enter long at the close of bar i when `signal[i] >= threshold`
/// (NaN never enters) and no position is open; exit at the close of bar `i + hold`, or of the last
/// bar if that comes first. Trades never overlap, and no entry happens on an exit bar: vectorbt
/// cannot exit and re-enter a long on one bar (an entry and an exit together are a conflict), so
/// the next entry is the first candidate after the exit. Each trade puts all the equity in, with
/// no fees: its return is `close[exit] / close[entry] - 1`.
///
/// Metrics follow vectorbt: `totalReturn` compounds the trades; a win is a trade whose exit close
/// is above its entry close; `sharpe` is the mean over the sample standard deviation (ddof 1) of
/// the strategy's return on every bar (0 when flat or on the entry bar, `close[i]/close[i-1] - 1`
/// while held), times `sqrt(252 * 390)`. It is NaN where that deviation is 0 (no trade), where
/// vectorbt reports +inf.
public enum RuleSweep {
    /// Regular-session minutes in a trading year: the Sharpe ratio's annualisation.
    public static let barsPerYear = 252.0 * 390.0

    /// Every (threshold, hold) pair, thresholds outer and holds inner, in the order given.
    /// Configurations run in parallel unless `parallel` is false; the results do not depend on it.
    /// `progress` is drawn from the first chunk's position (chunks interleave, so it tracks the whole).
    public static func run(closes: [Double], signal: [Double], thresholds: [Double], holds: [Int],
                           parallel: Bool = true, progress: Progress = .silent) throws(RuleSweepError) -> [RuleResult] {
        try check(closes: closes, signal: signal, thresholds: thresholds, holds: holds)
        let tables = Tables(closes: closes, signal: signal, thresholds: thresholds, parallel: parallel)
        let count = thresholds.count * holds.count
        // A few chunks per core balance the load; one configuration alone is too little work to dispatch.
        let chunks = min(count, parallel ? ProcessInfo.processInfo.activeProcessorCount * 4 : 1)
        return [RuleResult](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each configuration writes its own slot, so the order never depends on scheduling.
            nonisolated(unsafe) let base = buffer.baseAddress
            Tables.each(chunks, parallel: parallel) { chunk in
                for k in stride(from: chunk, to: count, by: chunks) {
                    let (t, h) = k.quotientAndRemainder(dividingBy: holds.count)
                    (base! + k).initialize(to: tables.evaluate(threshold: t, value: thresholds[t], hold: holds[h]))
                    if chunk == 0 { progress.update("configurations", k + 1, of: count) }
                }
            }
            progress.finish()
            initialized = count
        }
    }

    private static func check(closes: [Double], signal: [Double], thresholds: [Double], holds: [Int]) throws(RuleSweepError) {
        guard closes.count == signal.count else {
            throw RuleSweepError("the signal has \(signal.count) values for \(closes.count) closes")
        }
        if let i = closes.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw RuleSweepError("close[\(i)] = \(closes[i]) is not a positive price")
        }
        guard !thresholds.isEmpty, !holds.isEmpty else { throw RuleSweepError("no configuration: give at least one threshold and one hold") }
        if let t = thresholds.first(where: { !$0.isFinite }) { throw RuleSweepError("threshold \(t) is not a finite number") }
        if let h = holds.first(where: { $0 < 1 }) { throw RuleSweepError("hold \(h) must be at least 1 bar") }
    }
}

/// One configuration's outcome (see `RuleSweep` for the definitions).
public struct RuleResult: Sendable, Equatable {
    public var threshold: Double
    public var hold: Int
    /// Trades entered, including one still open at the last bar (valued at its close).
    public var trades: Int
    public var wins: Int
    public var totalReturn: Double
    public var sharpe: Double

    public init(threshold: Double, hold: Int, trades: Int, wins: Int, totalReturn: Double, sharpe: Double) {
        (self.threshold, self.hold, self.trades, self.wins, self.totalReturn, self.sharpe) = (threshold, hold, trades, wins, totalReturn, sharpe)
    }

    /// Share of trades that won; NaN without trades.
    public var winRate: Double { trades > 0 ? Double(wins) / Double(trades) : .nan }

    /// The report form; non-finite values become null.
    public var json: JSON {
        .object(["threshold": .number(threshold), "hold": .number(Double(hold)), "trades": .number(Double(trades)),
                 "wins": .number(Double(wins)), "win_rate": .finite(winRate), "total_return": .finite(totalReturn),
                 "sharpe": .finite(sharpe)])
    }
}

/// A sweep's input was unusable; the message names the value and where it is.
public struct RuleSweepError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What every configuration reads, computed once: closes, prefix sums of the per-bar returns
/// and their squares, and per threshold the next entry candidate at or after each bar. A
/// configuration then costs one step per trade, whatever the number of bars. Read-only once
/// built, hence shared by the worker threads.
private final class Tables: @unchecked Sendable {
    let n: Int
    let closes: UnsafeMutableBufferPointer<Double>
    /// `sum[i]` = r[0] + … + r[i-1] with r[i] = close[i]/close[i-1] - 1 (r[0] = 0); `squares` likewise with r².
    let sum: UnsafeMutableBufferPointer<Double>
    let squares: UnsafeMutableBufferPointer<Double>
    /// Row t, entry k (k in 0...n): the first bar ≥ k whose signal clears threshold t, or n.
    let next: UnsafeMutableBufferPointer<Int32>

    init(closes input: [Double], signal: [Double], thresholds: [Double], parallel: Bool) {
        n = input.count
        closes = .allocate(capacity: max(n, 1))
        _ = closes.initialize(from: input)
        sum = .allocate(capacity: n + 1)
        squares = .allocate(capacity: n + 1)
        next = .allocate(capacity: thresholds.count * (n + 1))
        prefixSums()
        let n = n
        nonisolated(unsafe) let next = next
        signal.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let s = buffer
            Self.each(thresholds.count, parallel: parallel) { t in
                let row = next.baseAddress! + t * (n + 1)
                let threshold = thresholds[t]
                var following = Int32(n)
                row[n] = following
                var i = n - 1
                while i >= 0 {
                    // NaN compares false, so it never enters.
                    if s[i] >= threshold { following = Int32(i) }
                    row[i] = following
                    i -= 1
                }
            }
        }
    }

    /// `body(0) … body(count - 1)`, spread over the cores when `parallel`, else in order.
    static func each(_ count: Int, parallel: Bool, _ body: @Sendable (Int) -> Void) {
        if parallel, count > 1 { Parallel.forEach(count, body) } else { for i in 0..<count { body(i) } }
    }

    deinit {
        closes.deallocate()
        sum.deallocate()
        squares.deallocate()
        next.deallocate()
    }

    /// Compensated (Kahan) running sums, so a difference of two entries is as exact as a direct sum.
    private func prefixSums() {
        var (s, sc, q, qc) = (0.0, 0.0, 0.0, 0.0)
        sum[0] = 0
        squares[0] = 0
        for i in 0..<n {
            let r = i == 0 ? 0 : (closes[i] - closes[i - 1]) / closes[i - 1]
            Self.add(r, to: &s, &sc)
            Self.add(r * r, to: &q, &qc)
            sum[i + 1] = s - sc
            squares[i + 1] = q - qc
        }
    }

    @inline(__always)
    private static func add(_ x: Double, to total: inout Double, _ compensation: inout Double) {
        let y = x - compensation
        let t = total + y
        compensation = (t - total) - y
        total = t
    }

    /// One configuration: jump from candidate to candidate, one step per trade.
    func evaluate(threshold t: Int, value: Double, hold: Int) -> RuleResult {
        let row = next.baseAddress! + t * (n + 1)
        var (trades, wins, growth, s1, s2) = (0, 0, 1.0, 0.0, 0.0)
        var entry = n > 0 ? Int(row[0]) : n
        while entry < n {
            let exit = hold < n - entry ? entry + hold : n - 1
            growth *= closes[exit] / closes[entry]
            if closes[exit] > closes[entry] { wins += 1 }
            // Bars entry+1 … exit are held; the entry bar itself returns 0.
            s1 += sum[exit + 1] - sum[entry + 1]
            s2 += squares[exit + 1] - squares[entry + 1]
            trades += 1
            entry = Int(row[exit + 1 < n ? exit + 1 : n])
        }
        return RuleResult(threshold: value, hold: hold, trades: trades, wins: wins, totalReturn: growth - 1,
                          sharpe: Self.sharpe(sum: s1, squares: s2, bars: n))
    }

    /// Mean over sample deviation of n per-bar returns given their sum and sum of squares.
    private static func sharpe(sum: Double, squares: Double, bars: Int) -> Double {
        guard bars >= 2 else { return .nan }
        let count = Double(bars)
        let mean = sum / count
        let variance = (squares - sum * mean) / (count - 1)
        guard variance > 0 else { return .nan }
        return mean / variance.squareRoot() * RuleSweep.barsPerYear.squareRoot()
    }
}
