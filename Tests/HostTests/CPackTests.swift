import Foundation
import Host
import PackKit
import Testing

/// The plain-C example pack through the host, on real SPY bars.
@Suite struct CPackTests {
    let pack: LoadedPack

    init() throws {
        pack = try Fixtures.catalogue([try Fixtures.cPack("cpack")]).pack("cexample")
    }

    @Test(.enabled(if: Fixtures.hasSPY, "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func adapterReadsTheWholeSPYFile() throws {
        let adapter = try PackDataAdapter(pack: pack, id: "csv-bars")
        let bars = try adapter.read(.object(["source": .string(Fixtures.spyFile)]))
        #expect(bars.rowCount == 75_707)
        #expect(bars.columnNames == ["ts", "open", "high", "low", "close", "volume"])
        // 2024-03-26T13:30:00Z, first row of the file.
        let firstTs = try bars.timestamps()[0]
        #expect(firstTs == 1_711_459_800_000_000_000)
        let firstClose = try bars.float64("close")[0]
        #expect(firstClose == 521.01)
        let july = try adapter.read(.object(["source": .string(Fixtures.spyFile), "start": .string("2024-07-01"), "end": .string("2024-07-03")]))
        #expect(july.rowCount > 700 && july.rowCount < 1300)
    }

    @Test func adapterErrorsNameTheFile() throws {
        let adapter = try PackDataAdapter(pack: pack, id: "csv-bars")
        Fixtures.expectError(.componentFailed, ["/nonexistent/bars.csv"]) { _ = try adapter.read(.object(["source": .string("/nonexistent/bars.csv")])) }
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).csv").path
        try "ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,2,0.5,1.5,100\n2024-03-26T13:31:00Z,1,oops,0.5,1.5,100\n".write(toFile: bad, atomically: true, encoding: .utf8)
        Fixtures.expectError(.componentFailed, [bad, "line 3", "oops"]) { _ = try adapter.read(.object(["source": .string(bad)])) }
    }

    @Test func indicatorsGiveKnownAnswers() throws {
        let bars = try BrokenPackTests.bars(rows: 12)
        let momentum = try PackIndicator(pack: pack, id: "momentum", params: ["period": .number(3)]).compute(bars)
        let values = Array(try momentum.float64("value"))
        let warmup = values[0..<3].filter { !$0.isNaN }
        #expect(warmup.isEmpty)
        let steps = Set(values[3...])
        #expect(steps == [3])  // close rises by 1 a bar
        let range = try PackIndicator(pack: pack, id: "range_pct").compute(bars)
        let firstRange = try range.float64("value")[0]
        #expect(firstRange == 2.0 / 100.0)
    }

    @Test func labelerPricesEachActionAfterCosts() throws {
        let bars = try BrokenPackTests.bars(rows: 40)
        let out = try PackLabeler(pack: pack, id: "forward_return", params: ["horizon": .number(5), "cost": .number(0.001)]).label(bars)
        #expect(out.rowCount == 35)
        let labels = try out.utf8("label")
        #expect(Set(labels) == ["UP"])
        let fwd = 105.0 / 100.0 - 1
        let long = try out.float64("outcome_long")[0], short = try out.float64("outcome_short")[0]
        let end = try out.timestamps("label_end_ts")[0]
        #expect(abs(long - (fwd - 0.001)) < 1e-12)
        #expect(abs(short - (-fwd - 0.001)) < 1e-12)
        #expect(end == 5 * 60_000_000_000)
    }

    @Test func gateRiskProfileAndResources() throws {
        let verdict = try PackGate(pack: pack, id: "max_nan_pct").evaluate(.object(["nan_pct": .object(["a": .number(12.5), "b": .number(1)])]))
        #expect(verdict["status"]?.stringValue == "warn")
        let fail = try PackGate(pack: pack, id: "max_nan_pct").evaluate(.object(["nan_pct": .object(["a": .number(31)])]))
        #expect(fail["status"]?.stringValue == "fail")
        let budgets = try PackRiskProfile(pack: pack, id: "default").budgets()
        #expect(budgets["max_drawdown"]?.doubleValue == 0.15)
        #expect(pack.resources["indicator_sets/cexample_basic_v1.yaml"].map { String(decoding: $0, as: UTF8.self).contains("momentum") } == true)
    }
}
