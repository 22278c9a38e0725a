import Foundation
@testable import Host
import Indicators
import PackKit
import Testing

/// History invariance: with only its declared lookback before a row, a feature gives the row
/// its full-history value (to 1e-6 relative), checked by the check itself, the build and
/// `pack verify`. The `broken_history` test pack (Tests/Fixtures/packs/broken.c) keeps a
/// running sum from the first bar and an EMA(10) declaring only its period.
@Suite struct HistoryInvarianceTests {
    /// `sessions` New York sessions of 390 one-minute bars from 2024-01-02 (weekdays), a seeded
    /// random walk around 480.
    static func bars(sessions: Int, seed: UInt64 = 11) throws -> Frame {
        var rng = SeededRandom(seed: seed)
        var ts: [Int64] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        var price = 480.0, day: Int64 = NewYorkCalendar.days(year: 2024, month: 1, day: 2)
        for _ in 0..<sessions {
            // 14:30 UTC is 09:30 New York in winter; the exact hour does not matter here.
            let open = (day * 86_400 + 14 * 3_600 + 30 * 60) * 1_000_000_000
            for minute in 0..<390 {
                price *= 1 + 0.0007 * rng.normal()
                let wiggle = abs(rng.normal()) * 0.0003 * price
                ts.append(open + Int64(minute) * 60_000_000_000)
                close.append(price)
                high.append(price + wiggle)
                low.append(price - wiggle)
                volume.append(Double(10_000 + rng.next() % 90_000))
            }
            day += (day + 4) % 7 == 5 ? 3 : 1 // Friday → Monday (day 0, 1970-01-01, was a Thursday)
        }
        return try Frame([.timestamp("ts", ts), .float64("high", high), .float64("low", low),
                          .float64("close", close), .float64("volume", volume)])
    }

    static let longBars: Result<Frame, any Error> = Result { try bars(sessions: 60) }

    /// The check on builtin `id`, as the build runs it (history = the declared lookback).
    static func check(_ id: String, _ params: [String: Double], on input: Frame) throws -> HistoryInvariance.Violation? {
        let indicator = try #require(BuiltinIndicators.named(id))
        let history = try indicator.history(params)
        let full = try BuiltinIndicatorSet.compute(id, on: input, params: params)
        return try HistoryInvariance.check(input: input, full: full, ts: try input.timestamps(),
                                           lookback: .init(bars: history.bars, nanoseconds: history.nanoseconds)) {
            try BuiltinIndicatorSet.compute(id, on: $0, params: params)
        }
    }

    @Test(arguments: [
        ("sma", [:]), ("ema", [:]), ("rsi", [:]), ("atr", [:]), ("bollinger", [:]), ("macd", [:]), ("vwap", [:]),
        ("zscore", [:]), ("log_return", [:]), ("realized_vol", [:]),
        ("sma", ["period": 500]), ("ema", ["period": 500]), ("rsi", ["period": 200]), ("atr", ["period": 200]),
        ("bollinger", ["period": 500, "nbdev_up": 3, "nbdev_down": 1]), ("macd", ["fast": 50, "slow": 100, "signal": 30]),
        ("zscore", ["period": 2000]), ("realized_vol", ["period": 500]),
    ] as [(String, [String: Double])])
    func everyBuiltinDeclaresAHistoryThatPasses(_ id: String, _ params: [String: Double]) throws {
        let input = try Self.longBars.get()
        let violation = try Self.check(id, params, on: input)
        #expect(violation == nil, "\(id) \(params): \(violation.map { "\($0)" } ?? "")")
    }

    @Test func theTaLibLookbackIsNotEnoughForARecursiveIndicator() throws {
        // EMA(30) given only its TA-Lib lookback (29 bars) still carries its SMA seed.
        let input = try Self.bars(sessions: 10)
        let full = try BuiltinIndicatorSet.compute("ema", on: input, params: ["period": 30])
        let v = try #require(try HistoryInvariance.check(input: input, full: full, ts: try input.timestamps(), lookback: .init(bars: 29)) {
            try BuiltinIndicatorSet.compute("ema", on: $0, params: ["period": 30])
        })
        #expect(v.difference > 1e-6)
        // (29/31)^m of a seed error of ~1e-3 relative falls below 1e-6 after ~100 more bars.
        let passing = try #require(v.passingBars)
        #expect(passing > 29 && passing < History.ema(period: 30), "\(v)")
        #expect(History.ema(period: 30) == 29 + 346)
    }

    @Test func aRollingSumsLastDigitsAreWithinTheTolerance() throws {
        // A rolling z-score restarted at another row differs only by rounding.
        let input = try Self.bars(sessions: 20)
        let full = try BuiltinIndicatorSet.compute("zscore", on: input, params: ["period": 30]).float64("value")
        let window = try BuiltinIndicatorSet.compute("zscore", on: input.rows(1000..<2000), params: ["period": 30]).float64("value")
        var largest = 0.0
        for row in 1029..<2000 {
            largest = max(largest, HistoryInvariance.difference(full[row], window[row - 1000], scale: HistoryInvariance.meanMagnitude(full)))
        }
        #expect(largest < 1e-9, "largest relative difference \(largest)")
    }

    @Test func theCheckRefusesARunningSumAndAnEMADeclaringOnlyItsPeriod() throws {
        let pack = try InstanceCausalityTests.catalogue().pack("broken_history")
        let input = try Self.bars(sessions: 10).selecting(["ts", "close"])
        let ts = try input.timestamps()
        let sum = try PackIndicator(pack: pack, id: "running_sum")
        let v = try #require(try HistoryInvariance.check(input: input, full: try sum.compute(input), ts: ts, lookback: .init(bars: 1)) {
            try sum.compute($0)
        })
        #expect(v.passingBars == nil && v.difference > 0.01, "\(v)")
        #expect("\(v)".contains("no lookback within the 3900 rows of data passes"), "\(v)")
        let ema = try PackIndicator(pack: pack, id: "short_ema")
        let e = try #require(try HistoryInvariance.check(input: input, full: try ema.compute(input), ts: ts, lookback: .init(bars: 10)) {
            try ema.compute($0)
        })
        // (9/11)^m times a seed error of ~1e-3 relative is below 1e-6 after ~35 bars.
        let passing = try #require(e.passingBars)
        #expect(passing > 10 && passing < 80, "\(e)")
        #expect("\(e)".contains("a lookback of \(passing) bars would pass"), "\(e)")
    }

    @Test(arguments: ["running_sum", "short_ema"])
    func theBuildRefusesIt(_ id: String) throws {
        let (builder, _) = try InstanceCausalityTests.builder("{ name: bad_\(id), pack: broken_history, indicator: \(id) }",
                                                             labeler: ComponentRef(pack: "cexample", id: "forward_return"))
        do {
            _ = try builder.build(start: try Timestamps.parseDate("2024-06-13"), end: try Timestamps.parseDate("2024-06-14"), checkCausality: true)
            Issue.record("the build of \(id) passed")
        } catch let error as EdgehostError {
            #expect(error.code == "history-invariance" && error.exit == .checkFailed, "\(error)")
            #expect(error.description.contains("feature 'bad_\(id)'") && error.description.contains("relative difference"), "\(error)")
        }
    }

    @Test func packVerifyNamesBothIndicators() throws {
        let report = PackVerifier.verify(path: try Fixtures.cPack("broken_history"))
        let failed = report.checks.filter { !$0.passed }
        #expect(failed.map(\.name) == ["indicator 'running_sum' history invariance", "indicator 'short_ema' history invariance"], "\(report.text)")
        #expect(failed.allSatisfy { $0.detail.contains("relative difference") }, "\(report.text)")
        #expect(report.checks.contains { $0.name == "indicator 'honest' history invariance" && $0.passed }, "\(report.text)")
    }
}
