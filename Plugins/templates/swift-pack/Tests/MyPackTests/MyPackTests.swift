import Host
import MyPackEntry
import PackKit
import PackTestKit
import XCTest

/// The pack, linked into this process and called through its C tables as edgehost calls it.
final class MyPackTests: XCTestCase {
    /// Every check `edgehost pack verify` runs on components, plus each indicator and labeler
    /// on New York, 24/7 UTC and CME Globex golden bars. A failure names component and check.
    func testConformance() throws {
        try PackConformance.check(entry: edgehost_pack_entry)
    }

    /// Known answer: momentum(2) of 100, 101, 103, 99 is NaN, NaN, 3 %, −1.98…%.
    func testMomentumKnownAnswer() throws {
        let harness = try PackHarness(entry: edgehost_pack_entry)
        let input = try Frame([.timestamp("ts", [0, 60, 120, 180].map { $0 * 1_000_000_000 }),
                               .float64("close", [100, 101, 103, 99])])
        let value = try harness.compute("momentum", params: ["period": .number(2)], on: input).float64("value")
        XCTAssert(value[0].isNaN && value[1].isNaN)
        XCTAssertEqual(value[2], 0.03, accuracy: 1e-12)
        XCTAssertEqual(value[3], 99.0 / 101.0 - 1, accuracy: 1e-12)
    }

    /// The labeler on CME Globex bars: a decision every 30 bars, each ending 30 bars later.
    func testLabelerOnGlobexBars() throws {
        let harness = try PackHarness(entry: edgehost_pack_entry)
        let bars = try GoldenBars.frame(.cmeGlobex, sessions: 1)
        let labels = try harness.label("bar_horizon", bars: bars)
        XCTAssertEqual(labels.rowCount, (1_380 - 30 + 29) / 30)
        let ts = try bars.timestamps(), decided = try labels.timestamps(), ends = try labels.timestamps("label_end_ts")
        XCTAssertEqual(decided[1], ts[30])
        XCTAssertEqual(ends[1], ts[60])
    }

    /// The adapter: one 390-bar session a weekday, none on the weekend.
    func testAdapterReadsWeekdaySessions() throws {
        let harness = try PackHarness(entry: edgehost_pack_entry)
        let bars = try harness.read("session-bars", query: .object(["start": .string("2024-07-05"), "end": .string("2024-07-08")]))
        XCTAssertEqual(bars.rowCount, 2 * 390)  // Friday and Monday
        XCTAssertEqual(try bars.timestamps()[0], 1_720_186_200 * 1_000_000_000)  // 2024-07-05 09:30 EDT
    }

    func testGateRiskProfileAndDefaults() throws {
        let harness = try PackHarness(entry: edgehost_pack_entry)
        let verdict = try harness.evaluate("enough_trades", facts: .object(["trades": .number(3)]))
        XCTAssertEqual(verdict["status"]?.stringValue, "fail")
        XCTAssertEqual(try harness.budgets("steady")["max_drawdown"]?.doubleValue, 0.08)
        let defaults = try harness.defaults()
        XCTAssertEqual(defaults.adapter?.id, "session-bars")
        XCTAssertEqual(defaults.actions["UP"], "long")
    }
}
