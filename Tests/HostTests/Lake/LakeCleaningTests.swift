import Foundation
@testable import Host
import Testing

/// The clean stage's rules on a constructed day of 5-minute bars, and the partition text's
/// round trip (what makes a recomputed partition byte-identical).
@Suite struct LakeCleaningTests {
    static let day: Int32 = 19_723  // 2024-01-01
    static func at(_ minute: Int64) -> Int64 { Int64(day) * 86_400_000_000_000 + minute * 60_000_000_000 }

    @Test func sortsDropsRepeatsRejectsBadBarsAndReportsGaps() throws {
        // Rows: 00:00, 00:10 (out of order), 00:05, 00:05 again, 00:15 with high < low, 00:20 with a zero close,
        // then 00:40: so 00:15, 00:20 (rejected), 00:25, 00:30, 00:35 are missing, and everything after 00:40.
        let ts = [Self.at(0), Self.at(10), Self.at(5), Self.at(5), Self.at(15), Self.at(20), Self.at(40)]
        let open = [10.0, 10, 10, 11, 10, 10, 10], high = [11.0, 11, 11, 12, 9, 11, 11], low = [9.0, 9, 9, 10, 10, 9, 9]
        let close = [10.5, 10.5, 10.5, 11.5, 10, 0, 10.5], volume = [1.0, 2, 3, 4, 5, 6, 7]
        let raw = LakeTable(ts: ts, names: ["open", "high", "low", "close", "volume"], columns: [open, high, low, close, volume])
        let (clean, counts) = try LakeCleaning(bar: 300_000_000_000, allDay: true).clean(raw, day: Self.day, what: "test")
        #expect(clean.ts == [Self.at(0), Self.at(5), Self.at(10), Self.at(40)])
        #expect(clean.column("volume") == [1, 3, 2, 7])  // the first of the repeated 00:05 rows is kept
        #expect(counts["out_of_order"]?.intValue == 1)
        #expect(counts["duplicates"]?.intValue == 1)
        #expect(counts["bad_bars"]?.intValue == 2)
        // 00:15–00:35 (5 bars) and 00:45–23:55 (279 bars): 288 − 4 kept.
        #expect(counts["missing_bars"]?.intValue == 284)
        guard case .array(let gaps)? = counts["gaps"] else { Issue.record("no gaps"); return }
        #expect(gaps.map { $0["start"]?.stringValue } == ["2024-01-01T00:15:00Z", "2024-01-01T00:45:00Z"])
        #expect(gaps.map { $0["missing"]?.intValue } == [5, 279])
    }

    @Test func partitionTextRoundTripsExactly() throws {
        let table = LakeTable(ts: [Self.at(0), Self.at(5)], names: ["close", "z"], columns: [[42_554.26, 0.1 + 0.2], [.nan, -1.0103771268653197e-300]])
        let text = table.csv
        #expect(text == "ts,close,z\n2024-01-01T00:00:00Z,42554.26,\n2024-01-01T00:05:00Z,0.30000000000000004,-1.0103771268653197e-300\n")
        let back = try LakeTable.parse(text, path: "part.csv")
        #expect(back.ts == table.ts && back.names == table.names)
        #expect(back.columns[0] == table.columns[0] && back.columns[1][0].isNaN && back.columns[1][1] == table.columns[1][1])
        #expect(back.csv == text)
        #expect(throws: EdgehostError.self) { try LakeTable.parse("ts,close\n2024-01-01T00:00:00Z,abc\n", path: "bad.csv") }
    }
}
