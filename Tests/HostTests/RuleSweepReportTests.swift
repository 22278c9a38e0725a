import Foundation
import Host
import PackKit
import Testing

/// The rule-sweep report as the host returns it to any front end: the file's closes in the
/// range, the sweep over them, and the ranking.
@Suite struct RuleSweepReportTests {
    static let closes: [Double] = [10, 11, 12, 11, 13, 14, 12, 15, 16, 15.5]

    /// Ten bars on 2024-03-26 and the same ten on 2024-03-27, from 13:30Z a minute apart.
    static func barsFile() throws -> String {
        var text = "ts,open,high,low,close,volume\n"
        for day in ["2024-03-26", "2024-03-27"] {
            for (i, c) in closes.enumerated() { text += "\(day)T13:\(30 + i):00Z,\(c),\(c),\(c),\(c),100\n" }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-rules-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theReportIsTheSweepOfTheRangesClosesRankedBySharpe() throws {
        let path = try Self.barsFile()
        let day = try Timestamps.parseDate("2024-03-26")
        let report = try RuleSweepReport(bars: path, signal: "ret:1", thresholds: [0, 0.05], holds: [1, 2],
                                         start: (day, "2024-03-26"), end: (day, "2024-03-26"))
        #expect(report.bars == 10)
        #expect(Timestamps.iso(report.firstBar) == "2024-03-26T13:30:00Z" && Timestamps.iso(report.lastBar) == "2024-03-26T13:39:00Z")
        let signal = try RuleSignal(parsing: "ret:1").compute(closes: Self.closes)
        let direct = try RuleSweep.run(closes: Self.closes, signal: signal, thresholds: [0, 0.05], holds: [1, 2])
        #expect(report.results.map { "\($0.threshold) \($0.hold) \($0.trades) \($0.totalReturn) \($0.sharpe)" }
                == direct.map { "\($0.threshold) \($0.hold) \($0.trades) \($0.totalReturn) \($0.sharpe)" })
        #expect(report.ranked.count == 4 && Set(report.ranked) == [0, 1, 2, 3])
        let sharpes = report.ranked.map { report.results[$0].sharpe }.filter { !$0.isNaN }
        #expect(sharpes == sharpes.sorted(by: >))
        #expect(report.json["configs"]?.doubleValue == 4)
        #expect(report.json["best"] == report.results[report.ranked[0]].json)
        #expect(report.json["start"]?.stringValue == "2024-03-26" && report.json["timing"] == nil)
        #expect(report.timed(repeats: 1)["timing"]?["repeats"]?.doubleValue == 1)
        // Without a range, both days.
        #expect(try RuleSweepReport(bars: path, signal: "ret:1", thresholds: [0], holds: [1]).bars == 20)
    }

    @Test func aRangeWithoutBarsIsAnError() throws {
        let path = try Self.barsFile()
        let day = try Timestamps.parseDate("2024-04-01")
        #expect(throws: RuleSweepError.self) {
            try RuleSweepReport(bars: path, signal: "ret:1", thresholds: [0], holds: [1], start: (day, "2024-04-01"), end: (day, "2024-04-01"))
        }
    }
}
