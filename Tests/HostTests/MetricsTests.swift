import Foundation
import Host
import PackKit
import Testing

/// ReturnMetrics against empyrical, Normal against scipy.stats.norm and the deflated Sharpe
/// ratio against scipy and the paper's worked example. The Python side is
/// Tests/oracles/empyrical_reference.py; it gets the very numbers generated here.
@Suite("MetricsTests")
struct MetricsTests {
    /// The fixed series, by name (Python sorts them; the order here is for reading).
    static let series: [(name: String, returns: [Double])] = [
        ("random", tradingDays(count: 300, seed: 20_140_607)),
        ("zeros", Array(repeating: 0, count: 40)),
        ("single", [0.0123]),
        ("positive", (0..<40).map { Double($0 % 7 + 1) * 0.0013 }),
        ("constant", Array(repeating: 0.002, count: 20)),
        ("missing", tradingDays(count: 60, seed: 7).enumerated().map { $0.offset % 9 == 4 ? .nan : $0.element }),
        ("empty", []),
    ]

    static let scalars: [(name: String, metric: @Sendable ([Double]) -> Double)] = [
        ("totalReturn", ReturnMetrics.totalReturn),
        ("annualReturn", { ReturnMetrics.annualReturn($0) }),
        ("annualVolatility", { ReturnMetrics.annualVolatility($0) }),
        ("sharpe", { ReturnMetrics.sharpe($0) }),
        ("downsideRisk", { ReturnMetrics.downsideRisk($0) }),
        ("sortino", { ReturnMetrics.sortino($0) }),
        ("maxDrawdown", ReturnMetrics.maxDrawdown),
        ("calmar", { ReturnMetrics.calmar($0) }),
        ("skewness", { ReturnMetrics.skewness($0) }),
        ("skewnessUnbiased", { ReturnMetrics.skewness($0, bias: false) }),
        ("kurtosis", { ReturnMetrics.kurtosis($0) }),
        ("kurtosisUnbiased", { ReturnMetrics.kurtosis($0, bias: false) }),
    ]

    static let curves: [(name: String, metric: @Sendable ([Double]) -> [Double])] = [
        ("cumulativeReturns", ReturnMetrics.cumulativeReturns),
        ("drawdowns", ReturnMetrics.drawdowns),
    ]

    static let normalX: [Double] = [-38, -12, -6, -3, -1.5, -0.7071, -0.1, 0, 0.3, 0.7072, 1, 2.5, 6, 8.2]
    static let normalP: [Double] = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.02, 0.02425, 0.1, 0.3, 0.5,
                                    0.6, 0.9, 0.97575, 0.99, 0.999999, 1 - 1e-12, 0, 1]

    /// 25 configurations of 300 days each; the "chosen" one is the best by Sharpe.
    static let trials: [[Double]] = (0..<25).map { tradingDays(count: 300, seed: 1_000 + UInt64($0)) }
    static let trialSharpes = trials.map { ReturnMetrics.sharpe($0, periods: 1) }
    static let chosen = trials[trialSharpes.indices.max { trialSharpes[$0] < trialSharpes[$1] }!]

    @Test("every metric equals empyrical's (scipy's for the moments) on the fixed series")
    func matchesEmpyrical() throws {
        let answer = try Self.oracle.get()
        var failures: [String] = []
        for (name, returns) in Self.series {
            let expected = try #require(answer["series"]?[name], "oracle has no series \(name)")
            for (metric, compute) in Self.scalars {
                let want = try Self.number(expected[metric], "\(name).\(metric)")
                let got = compute(returns)
                if !Self.agree(got, want) { failures.append("\(name).\(metric): \(got) vs empyrical \(want)") }
            }
            for (metric, compute) in Self.curves {
                // empyrical's drawdown_series of an empty array is a scalar NaN; ours is [].
                guard !returns.isEmpty else { continue }
                let want = try Self.numbers(expected[metric], "\(name).\(metric)")
                let got = compute(returns)
                if got.count != want.count || !zip(got, want).allSatisfy(Self.agree) {
                    failures.append("\(name).\(metric): \(got) vs empyrical \(want)")
                }
            }
        }
        #expect(failures.isEmpty, "outside 1e-12 relative of empyrical \(answer["versions"]?.text ?? ""):\n\(failures.joined(separator: "\n"))")
    }

    @Test("Normal.cdf and Normal.quantile equal scipy.stats.norm")
    func normalMatchesScipy() throws {
        let answer = try Self.oracle.get()
        let cdf = try Self.numbers(answer["normal"]?["cdf"], "normal.cdf")
        let quantile = try Self.numbers(answer["normal"]?["quantile"], "normal.quantile")
        for (x, want) in zip(Self.normalX, cdf) {
            #expect(Self.agree(Normal.cdf(x), want), "cdf(\(x)) = \(Normal.cdf(x)), scipy \(want)")
        }
        for (p, want) in zip(Self.normalP, quantile) {
            #expect(Self.agree(Normal.quantile(p), want), "quantile(\(p)) = \(Normal.quantile(p)), scipy \(want)")
        }
    }

    @Test("the deflated Sharpe ratio of the best of 25 trials equals a direct scipy computation")
    func deflatedMatchesScipy() throws {
        let dsr = try #require(try Self.oracle.get()["dsr"])
        let returns = Self.chosen
        let sharpes = Self.trialSharpes
        let centre = sharpes.reduce(0, +) / Double(sharpes.count)
        let variance = sharpes.reduce(0) { $0 + ($1 - centre) * ($1 - centre) } / Double(sharpes.count - 1)
        let ours: [(String, Double)] = [
            ("benchmark", DeflatedSharpe.expectedMaxSharpe(trials: sharpes.count, variance: variance)),
            ("sharpe", ReturnMetrics.sharpe(returns, periods: 1)),
            ("skewness", ReturnMetrics.skewness(returns)),
            ("kurtosis", ReturnMetrics.kurtosis(returns)),
            ("deflated", DeflatedSharpe.deflated(returns: returns, trialSharpes: Self.trialSharpes)),
        ]
        for (name, got) in ours {
            let want = try Self.number(dsr[name], "dsr.\(name)")
            #expect(Self.agree(got, want), "\(name): \(got), scipy \(want)")
        }
        let deflated = DeflatedSharpe.deflated(returns: returns, trialSharpes: Self.trialSharpes)
        #expect(deflated > 0 && deflated < 1, "a probability: \(deflated)")
    }

    @Test("the paper's example: SR 2.5 a year over 1250 days, 100 trials, V = 1/2 → SR0 0.1132, DSR 0.9004")
    func paperExample() throws {
        let benchmark = DeflatedSharpe.expectedMaxSharpe(trials: 100, variance: 0.5 / 250)
        let dsr = DeflatedSharpe.probabilistic(sharpe: 2.5 / 250.0.squareRoot(), benchmark: benchmark,
                                               observations: 1250, skewness: -3, kurtosis: 10)
        #expect(abs(benchmark - 0.1132) < 5e-5, "SR0 \(benchmark)")
        #expect(abs(dsr - 0.9004) < 5e-5, "DSR \(dsr)")
        let paper = try #require(try Self.oracle.get()["paper"])
        #expect(Self.agree(benchmark, try Self.number(paper["benchmark"], "paper.benchmark")))
        #expect(Self.agree(dsr, try Self.number(paper["deflated"], "paper.deflated")))
    }

    @Test("empyrical's edge conventions, without Python")
    func edgeConventions() {
        #expect(ReturnMetrics.sharpe([0.01]).isNaN, "fewer than 2 returns")
        #expect(ReturnMetrics.sharpe([0, 0, 0]).isNaN, "0 / 0")
        #expect(ReturnMetrics.sharpe(Array(repeating: 0.002, count: 20)) == .infinity)
        #expect(ReturnMetrics.sharpe(Array(repeating: -0.002, count: 20)) == -.infinity)
        #expect(ReturnMetrics.sortino([0.01, 0.02, 0.005]) == .infinity, "no day below 0")
        #expect(ReturnMetrics.sortino([0, 0, 0]).isNaN)
        #expect(ReturnMetrics.calmar([0.01, 0.02]).isNaN, "no drawdown")
        #expect(ReturnMetrics.maxDrawdown([0.01, 0.02]) == 0)
        #expect(abs(ReturnMetrics.maxDrawdown([-0.1, 0.05]) + 0.1) < 1e-15, "the peak starts at the capital")
        #expect(ReturnMetrics.totalReturn([]).isNaN && ReturnMetrics.maxDrawdown([]).isNaN)
        #expect(ReturnMetrics.cumulativeReturns([]).isEmpty && ReturnMetrics.drawdowns([]).isEmpty)
        #expect(ReturnMetrics.downsideRisk([0.01]) == 0, "defined from one return, unlike Sharpe")
        // scipy's docstring example and a hand-computed kurtosis (m2 = 2, m4 = 6.8).
        #expect(abs(ReturnMetrics.skewness([2, 8, 0, 4, 1, 9, 9, 0]) - 0.2650554122698573) < 1e-15)
        #expect(abs(ReturnMetrics.kurtosis([1, 2, 3, 4, 5]) - 1.7) < 1e-15)
        // Equal values have no skewness (scipy 1.17 says 1.0 here, from its mean's last bit).
        #expect(ReturnMetrics.skewness(Array(repeating: 0.1, count: 50)).isNaN)
        #expect(ReturnMetrics.kurtosis(Array(repeating: 0.1, count: 50), bias: false).isNaN)
    }

    @Test("DSR: NaN in NaN out, empty inputs give NaN, one trial is the PSR against 0")
    func deflatedEdges() {
        let returns = Self.chosen
        #expect(DeflatedSharpe.deflated(returns: [], trialSharpes: []).isNaN)
        #expect(DeflatedSharpe.deflated(returns: [], trialSharpes: [0.1]).isNaN)
        #expect(DeflatedSharpe.deflated(returns: returns, trialSharpes: []).isNaN)
        #expect(DeflatedSharpe.deflated(returns: returns + [.nan], trialSharpes: [0.1]).isNaN)
        #expect(DeflatedSharpe.deflated(returns: returns, trialSharpes: [0.1, .nan]).isNaN)
        #expect(DeflatedSharpe.expectedMaxSharpe(trials: 0, variance: 1).isNaN)
        #expect(DeflatedSharpe.expectedMaxSharpe(trials: 1, variance: 1) == 0)
        #expect(Normal.quantile(.nan).isNaN && Normal.quantile(-0.1).isNaN && Normal.cdf(.nan).isNaN)
        let sharpe = ReturnMetrics.sharpe(returns, periods: 1)
        let psr = DeflatedSharpe.probabilistic(sharpe: sharpe, benchmark: 0, observations: returns.count,
                                               skewness: ReturnMetrics.skewness(returns),
                                               kurtosis: ReturnMetrics.kurtosis(returns))
        #expect(DeflatedSharpe.deflated(returns: returns, trialSharpes: [sharpe]) == psr)
        #expect(DeflatedSharpe.deflated(returns: returns, trialSharpes: Self.trialSharpes) < psr,
                "trying 25 configurations must lower the confidence")
    }

    // MARK: - Fixed series

    /// Intraday-strategy days: about a third without trades (0), the rest normal with a small
    /// positive drift, from PackKit's SeededRandom so they are the same everywhere.
    static func tradingDays(count: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            random.uniform() < 0.35 ? 0 : 0.0004 + 0.009 * random.normal()
        }
    }

    // MARK: - Comparison

    /// Equal within 1e-12 relative (1e-15 absolute near 0); NaN matches NaN, ±inf itself.
    static func agree(_ got: Double, _ want: Double) -> Bool {
        if got.isNaN || want.isNaN { return got.isNaN && want.isNaN }
        if got.isInfinite || want.isInfinite { return got == want }
        return abs(got - want) <= 1e-12 * max(abs(got), abs(want)) + 1e-15
    }

    struct OracleFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// An oracle value: a number, or "nan", "inf", "-inf".
    static func number(_ value: JSON?, _ what: String) throws -> Double {
        switch value {
        case .number(let x): return x
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: throw OracleFailure(description: "oracle value \(what) is \(value?.text ?? "missing"), not a number")
        }
    }

    static func numbers(_ value: JSON?, _ what: String) throws -> [Double] {
        guard case .array(let items)? = value else {
            throw OracleFailure(description: "oracle value \(what) is \(value?.text ?? "missing"), not a list")
        }
        return try items.enumerated().map { try number($0.element, "\(what)[\($0.offset)]") }
    }

    // MARK: - Oracle

    static let installHint = PythonOracle.installHint
    static let script = PythonOracle.script("empyrical_reference.py")

    /// The script's answer for every series, run once. A missing python3 or empyrical is a
    /// failure, not a skip: the comparison is the point of these tests.
    static let oracle: Result<JSON, OracleFailure> = Result { () throws(OracleFailure) in try runOracle(request.text) }

    static var request: JSON {
        func values(_ xs: [Double]) -> JSON { .array(xs.map { $0.isNaN ? .null : .number($0) }) }
        return .object([
            "series": .object(Dictionary(uniqueKeysWithValues: series.map { ($0.name, values($0.returns)) })),
            "normal": .object(["x": values(normalX), "p": values(normalP)]),
            "dsr": .object(["returns": values(chosen), "trials": values(trialSharpes)]),
        ])
    }

    static func runOracle(_ input: String) throws(OracleFailure) -> JSON {
        let output: String
        do { output = try PythonOracle.run([script], input: input) } catch { throw OracleFailure(description: error.description) }
        do {
            return try JSON.parse(output)
        } catch {
            throw OracleFailure(description: "\(script) printed invalid JSON: \(error)")
        }
    }
}
