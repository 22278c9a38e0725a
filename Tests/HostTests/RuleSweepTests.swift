import Foundation
import Host
import Indicators
import PackKit
import Testing

/// RuleSweep: hand-computed answers, a bar-by-bar simulation of the same rule, and vectorbt's
/// figures from Benchmarks/sweep_rules/compare.py --oracle (when vectorbt is installed).
@Suite("RuleSweepTests")
struct RuleSweepTests {
    // MARK: - Known answers

    /// Candidates at 1, 2, 4, 6, 7, 9 (NaN at 0); with hold 2 the trades are 1→3, 4→6 and 7→9:
    /// 2 is inside the first trade and 6 is an exit bar, so neither enters.
    static let closes: [Double] = [10, 11, 12, 11, 13, 14, 12, 15, 16, 15.5]
    static let signal: [Double] = [.nan, 1, 1, 0, 1, 0, 1, 1, 0, 1]

    @Test("trades, wins, compounded return and Sharpe on a hand-made series")
    func knownAnswers() throws {
        let r = try #require(try RuleSweep.run(closes: Self.closes, signal: Self.signal, thresholds: [1], holds: [2]).first)
        #expect(r.trades == 3)
        #expect(r.wins == 1, "11→11 is flat, 13→12 loses, 15→15.5 wins")
        #expect(abs(r.totalReturn - (11.0 / 11 * 12 / 13 * 15.5 / 15 - 1)) < 1e-15)
        // Per-bar strategy returns: held bars 2-3, 5-6 and 8-9; every other bar (entries too) is 0.
        var perBar = Array(repeating: 0.0, count: Self.closes.count)
        for i in [2, 3, 5, 6, 8, 9] { perBar[i] = Self.closes[i] / Self.closes[i - 1] - 1 }
        #expect(abs(r.sharpe - Self.sharpe(perBar)) < 1e-12)
        #expect(abs(r.sharpe - -9.962764) < 1e-6, "vectorbt 1.2.0's figure for this series")
    }

    @Test("a threshold keeps the candidates at or above it; a hold past the end exits at the last bar")
    func thresholdsAndEnd() throws {
        let results = try RuleSweep.run(closes: Self.closes, signal: Self.signal, thresholds: [0, 1.5], holds: [1, 100])
        #expect(results.map(\.threshold) == [0, 0, 1.5, 1.5] && results.map(\.hold) == [1, 100, 1, 100], "thresholds outer, holds inner")
        // threshold 0, hold 1: every bar from 1 is a candidate; trades 1→2, 3→4, 5→6, 7→8, then 9→9 (the end).
        #expect(results[0].trades == 5)
        #expect(abs(results[0].totalReturn - (12.0 / 11 * 13 / 11 * 12 / 14 * 16 / 15 - 1)) < 1e-15)
        // hold 100: one trade from bar 1 to the last bar.
        #expect(results[1].trades == 1 && results[1].wins == 1)
        #expect(abs(results[1].totalReturn - (15.5 / 11 - 1)) < 1e-15)
        // Nothing reaches 1.5.
        #expect(results[2].trades == 0 && results[2].totalReturn == 0 && results[2].sharpe.isNaN && results[2].winRate.isNaN)
    }

    @Test("NaN never enters; an entry on the last bar is a flat trade")
    func nanAndLastBar() throws {
        let nan = try RuleSweep.run(closes: Self.closes, signal: Array(repeating: .nan, count: 10), thresholds: [-1e300], holds: [3])
        #expect(nan[0].trades == 0 && nan[0].sharpe.isNaN)
        let last = try RuleSweep.run(closes: Self.closes, signal: Array(repeating: .nan, count: 9) + [2], thresholds: [1], holds: [3])
        #expect(last[0].trades == 1 && last[0].wins == 0 && last[0].totalReturn == 0 && last[0].sharpe.isNaN)
    }

    @Test("inputs it cannot use are errors naming the value")
    func errors() {
        #expect(throws: RuleSweepError.self) { try RuleSweep.run(closes: [1, 2], signal: [1], thresholds: [1], holds: [1]) }
        #expect(throws: RuleSweepError.self) { try RuleSweep.run(closes: [1, 0], signal: [1, 1], thresholds: [1], holds: [1]) }
        #expect(throws: RuleSweepError.self) { try RuleSweep.run(closes: [1, 2], signal: [1, 1], thresholds: [1], holds: [0]) }
        #expect(throws: RuleSweepError.self) { try RuleSweep.run(closes: [1, 2], signal: [1, 1], thresholds: [.nan], holds: [1]) }
        #expect(throws: RuleSweepError.self) { try RuleSweep.run(closes: [1, 2], signal: [1, 1], thresholds: [], holds: [1]) }
    }

    // MARK: - Invariants

    @Test("parallel and serial runs give identical results, equal to a bar-by-bar simulation")
    func parallelSerialAndSimulation() throws {
        let (closes, signal) = Self.walk(count: 5_000, seed: 42)
        let thresholds = [-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3.5]
        let holds = [1, 2, 3, 5, 8, 13, 60, 400, 4_999, 10_000]
        let parallel = try RuleSweep.run(closes: closes, signal: signal, thresholds: thresholds, holds: holds)
        let serial = try RuleSweep.run(closes: closes, signal: signal, thresholds: thresholds, holds: holds, parallel: false)
        #expect(parallel.count == 100)
        #expect(zip(parallel, serial).allSatisfy { Self.identical($0, $1) }, "parallel must not change a bit")
        var failures: [String] = []
        for r in parallel {
            let want = Self.simulate(closes: closes, signal: signal, threshold: r.threshold, hold: r.hold)
            let close = r.trades == want.trades && r.wins == want.wins && Self.agree(r.totalReturn, want.totalReturn)
                && Self.agree(r.sharpe, want.sharpe)
            if !close { failures.append("threshold \(r.threshold) hold \(r.hold): \(r) vs simulation \(want)") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    // MARK: - Signals

    @Test("signals parse NAME:PARAM and compute with the builtin kernels")
    func signals() throws {
        let (closes, _) = Self.walk(count: 300, seed: 7)
        let z = try RuleSignal(parsing: "zscore:60").compute(closes: closes)
        let zWant = try rollingZScore(closes, period: 60)
        #expect(zip(z, zWant).allSatisfy { $0.bitPattern == $1.bitPattern })
        let rsi = try RuleSignal(parsing: "rsi:14").compute(closes: closes)
        #expect(zip(rsi, try Indicators.rsi(closes, period: 14)).allSatisfy { $0.bitPattern == $1.bitPattern })
        let ret1 = try RuleSignal(parsing: "ret:1").compute(closes: closes)
        #expect(zip(ret1, try logReturns(closes)).allSatisfy { $0.bitPattern == $1.bitPattern }, "ret:1 is log_return")
        let ret5 = try RuleSignal(parsing: "ret:5").compute(closes: closes)
        #expect(ret5[..<5].allSatisfy(\.isNaN) && ret5[5] == log(closes[5] / closes[0]))
        #expect(try RuleSignal(parsing: "log_return").description == "log_return")
        for bad in ["", "bogus:3", "zscore", "zscore:1", "zscore:x", "ret:0", "ret", "vwap:3", "log_return:2", "rsi:14:1"] {
            #expect(throws: RuleSweepError.self, "'\(bad)'") { try RuleSignal(parsing: bad) }
        }
    }

    // MARK: - vectorbt

    @Test("every configuration equals vectorbt's Portfolio.from_signals", .enabled(if: RuleSweepTests.hasVectorbt, "vectorbt is not installed"))
    func matchesVectorbt() throws {
        let (closes, signal) = Self.walk(count: 600, seed: 2_024)
        let thresholds = [-1, 0, 0.5, 1, 1.5, 5]
        let holds = [1, 3, 7, 50, 1_000]
        let ours = try RuleSweep.run(closes: closes, signal: signal, thresholds: thresholds, holds: holds)
        func numbers(_ xs: [Double]) -> JSON { .array(xs.map { $0.isNaN ? .null : .number($0) }) }
        let request = JSON.object(["close": numbers(closes), "signal": numbers(signal), "thresholds": numbers(thresholds),
                                   "holds": numbers(holds.map(Double.init))])
        let answer = try Self.vectorbt(request.text)
        guard case .array(let rows)? = answer["results"] else { Issue.record("oracle printed no results: \(answer.text)"); return }
        #expect(rows.count == ours.count)
        var failures: [String] = []
        for (r, row) in zip(ours, rows) {
            let sharpe = row["sharpe"]?.doubleValue ?? (row["sharpe"]?.stringValue == "inf" ? .infinity : .nan)
            // Without trades the deviation is 0: vectorbt says inf, RuleSweep NaN.
            let sharpeAgrees = r.trades == 0 ? r.sharpe.isNaN && sharpe == .infinity : Self.agree(r.sharpe, sharpe, 1e-9)
            guard row["trades"]?.doubleValue == Double(r.trades), row["wins"]?.doubleValue == Double(r.wins),
                  Self.agree(r.totalReturn, row["total_return"]?.doubleValue ?? .nan, 1e-9), sharpeAgrees else {
                failures.append("threshold \(r.threshold) hold \(r.hold): \(r) vs vectorbt \(row.text)")
                continue
            }
        }
        #expect(failures.isEmpty, "vectorbt \(answer["versions"]?.text ?? ""):\n\(failures.joined(separator: "\n"))")
        #expect(ours.contains { $0.trades > 10 } && ours.contains { $0.trades == 0 }, "the grid covers busy and empty configurations")
    }

    // MARK: - Helpers

    /// A random walk of closes around 100 and its 20-bar z-score (NaN for the warm-up).
    static func walk(count: Int, seed: UInt64) -> (closes: [Double], signal: [Double]) {
        var random = SeededRandom(seed: seed)
        var price = 100.0
        let closes = (0..<count).map { _ in
            price *= 1 + 0.002 * random.normal()
            return (price * 100).rounded() / 100
        }
        return (closes, try! rollingZScore(closes, period: 20))
    }

    /// The rule bar by bar, as a position book would run it (the reference for the jumps).
    static func simulate(closes: [Double], signal: [Double], threshold: Double, hold: Int) -> RuleResult {
        var perBar = Array(repeating: 0.0, count: closes.count)
        var (trades, wins, growth) = (0, 0, 1.0)
        var entry: Int?
        var lastExit = -1
        for i in closes.indices {
            if let e = entry {
                perBar[i] = closes[i] / closes[i - 1] - 1
                if i == e + hold || i == closes.count - 1 {
                    growth *= closes[i] / closes[e]
                    if closes[i] > closes[e] { wins += 1 }
                    entry = nil
                    lastExit = i
                }
            } else if signal[i] >= threshold, i > lastExit {
                entry = i
                trades += 1
                if i == closes.count - 1 { entry = nil }
            }
        }
        return RuleResult(threshold: threshold, hold: hold, trades: trades, wins: wins, totalReturn: growth - 1, sharpe: sharpe(perBar))
    }

    /// Mean over sample deviation, two-pass, annualised with sqrt(252 * 390); NaN for a 0 deviation.
    static func sharpe(_ returns: [Double]) -> Double {
        let mean = returns.reduce(0, +) / Double(returns.count)
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
        return variance > 0 ? mean / variance.squareRoot() * (252.0 * 390).squareRoot() : .nan
    }

    static func identical(_ a: RuleResult, _ b: RuleResult) -> Bool {
        a.threshold == b.threshold && a.hold == b.hold && a.trades == b.trades && a.wins == b.wins
            && a.totalReturn.bitPattern == b.totalReturn.bitPattern && a.sharpe.bitPattern == b.sharpe.bitPattern
    }

    static func agree(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    // MARK: - Oracle

    static let script = "\(Fixtures.repoRoot)/Benchmarks/sweep_rules/compare.py"

    /// vectorbt is optional (Tests/oracles/requirements.txt pins it): without it the comparison is
    /// skipped. Looked up without importing it (the import alone takes seconds).
    static let hasVectorbt: Bool =
        (try? run(["-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('vectorbt') is None)"], input: "")) != nil

    struct OracleFailure: Error, CustomStringConvertible { let description: String }

    static func vectorbt(_ request: String) throws -> JSON {
        let output = try run([script, "--oracle"], input: request)
        do { return try JSON.parse(output) } catch { throw OracleFailure(description: "\(script) printed invalid JSON: \(error)") }
    }

    /// `python arguments…` with `input` on stdin.
    static func run(_ arguments: [String], input: String) throws -> String {
        do { return try PythonOracle.run(arguments, input: input) } catch { throw OracleFailure(description: error.description) }
    }
}
