import Indicators
import PackKit
import Testing
@testable import ZeroDTEPut

/// The labeler's scan finds each session's bars by the day's range of instants (one calendar
/// conversion a day, not one a bar): a frame of several sessions across the March switch to
/// daylight time labels bit for bit as its sessions labelled one by one.
@Suite struct LadderScannerTests {
    /// Every field of every row, floats by their bits.
    static func text(_ r: BreachRows) -> [String] {
        r.ts.indices.map { i in
            ([String(r.ts[i]), String(r.end[i]), r.label[i], r.key[i], String(r.outcomeSell[i].bitPattern)]
                + (r.features + r.qa).map { String($0[i].bitPattern) }).joined(separator: " ")
        }
    }

    @Test func sessionsAcrossADaylightSwitchLabelAsEachSessionAlone() throws {
        let frame = try Fixtures.run(simAdapter, ["start": .string("2024-03-07"), "end": .string("2024-03-12")],
                                     params: ["seed": .number(5), "effects": .string("all")])
        let days = Array(try frame.timestamps()).map(newYorkDate)
        // Each session on its own, split by the date of every bar.
        var alone: [String] = []
        var start = 0
        while start < days.count {
            var end = start
            while end < days.count, days[end] == days[start] { end += 1 }
            alone += Self.text(LadderScanner(rules: BreachRules(), bars: try PutBars(frame.rows(start..<end))).scan())
            start = end
        }
        let together = Self.text(LadderScanner(rules: BreachRules(), bars: try PutBars(frame)).scan())
        #expect(Set(days).count == 4, "sessions 03-07, 03-08, 03-11 (daylight time from 03-10), 03-12")
        #expect(together.count > 40 && together == alone, "\(together.count) rows together, \(alone.count) alone")
    }
}
