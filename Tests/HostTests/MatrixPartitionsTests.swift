import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// Per-date partitions of es0dte builds (its labeler declares its lookback): a longer range
/// reuses the finished dates, a changed day rebuilds the dates within its reach and no others,
/// and the assembled matrix is byte-identical to a one-shot build of the same range.
@Suite struct MatrixPartitionsTests {
    static func partitioned(_ plan: ModelPlan, lake: String, _ start: String, _ end: String) throws -> MatrixBuild {
        try MatrixPartitions(plan: plan, lake: lake, force: false, progress: .silent).build(start: MarketDate.parse(start)!, end: MarketDate.parse(end)!)
    }

    static func oneShot(_ plan: ModelPlan, _ start: String, _ end: String) throws -> MatrixBuild {
        try MatrixBuilder(plan: plan).build(start: MarketDate.parse(start)!, end: MarketDate.parse(end)!, checkCausality: false)
    }

    static func dates(_ build: MatrixBuild, _ which: String) -> [String] {
        guard case .array(let a)? = build.partitions?[which] else { return [] }
        return a.compactMap(\.stringValue)
    }

    static func expectSame(_ a: MatrixBuild, _ b: MatrixBuild) {
        #expect(a.matrix.csv() == b.matrix.csv(), "matrix bytes differ: \(a.matrix.rowCount) vs \(b.matrix.rowCount) rows")
        #expect(MatrixPartition.qaCSV(a.qa, rows: a.matrix.rowCount) == MatrixPartition.qaCSV(b.qa, rows: b.matrix.rowCount))
        #expect(a.barsByDay == b.barsByDay && a.warmUp.decisions == b.warmUp.decisions)
    }

    @Test func aLongerRangeReusesFinishedDatesAndMatchesAOneShotBuild() throws {
        let ws = ES0DTEPipelineTests.workspace("partitions")
        let plan = try ES0DTEPipelineTests.plan(ws)
        #expect(try MatrixPartitions.applies(to: plan))
        let lake = ws.path("lake")
        let first = try Self.partitioned(plan, lake: lake, "2024-03-04", "2024-03-05")
        #expect(Self.dates(first, "built") == ["2024-03-04", "2024-03-05"] && Self.dates(first, "reused").isEmpty)
        let longer = try Self.partitioned(plan, lake: lake, "2024-03-04", "2024-03-06")
        // The session ends at 16:00 and the next starts at 04:00: a 60-minute horizon never
        // reaches the next date, so the first two dates are final.
        #expect(Self.dates(longer, "reused") == ["2024-03-04", "2024-03-05"])
        #expect(Self.dates(longer, "built") == ["2024-03-06"])
        #expect(longer.matrix.rowCount > first.matrix.rowCount && first.matrix.rowCount > 0)
        Self.expectSame(longer, try Self.oneShot(plan, "2024-03-04", "2024-03-06"))
    }

    /// The real Lean files: one changed bar on 2013-10-09 rebuilds that date and the dates
    /// whose lookback reaches it, never the dates before; an edited partition file is rebuilt.
    /// (`--force` rebuilding every date to the same bytes: README "Per-date partitions".)
    @Test(.enabled(if: FileManager.default.fileExists(atPath: ES0DTEPipelineTests.leanFolder))) func aChangedDayRebuildsOnlyTheDatesWithinItsReach() throws {
        let ws = ES0DTEPipelineTests.workspace("partitions-lean")
        let folder = ws.path("lean")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: ES0DTEPipelineTests.leanFolder) where name.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: "\(ES0DTEPipelineTests.leanFolder)/\(name)", toPath: "\(folder)/\(name)")
        }
        let plan = try ES0DTEPipelineTests.plan(ws, adapter: ComponentRef(pack: "es0dte", id: "lean-csv"), query: ["source": .string(folder)])
        let lake = ws.path("lake")
        let all = ["2013-10-07", "2013-10-08", "2013-10-09", "2013-10-10", "2013-10-11"]
        #expect(Self.dates(try Self.partitioned(plan, lake: lake, "2013-10-07", "2013-10-11"), "built") == all)

        // One front-month bar of 2013-10-09 closes a quarter point higher.
        let day = "\(folder)/ES_1m_20131009.csv"
        let text = try String(contentsOfFile: day, encoding: .utf8)
        let old = "2013-10-09T16:00:00Z,ESZ3,1646.75,1647.25,1646.5,1647.25,1224", new = "2013-10-09T16:00:00Z,ESZ3,1646.75,1647.5,1646.5,1647.5,1224"
        try #require(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: day, atomically: true, encoding: .utf8)
        let changed = try Self.partitioned(plan, lake: lake, "2013-10-07", "2013-10-11")
        #expect(Self.dates(changed, "reused") == ["2013-10-07", "2013-10-08"])
        #expect(Self.dates(changed, "built") == ["2013-10-09", "2013-10-10", "2013-10-11"])
        Self.expectSame(changed, try Self.oneShot(plan, "2013-10-07", "2013-10-11"))

        // A partition file that is not its manifest's is built again.
        let part = MatrixPartition(root: MatrixPartitions(plan: plan, lake: lake, force: false, progress: .silent).root, day: MarketDate.parse("2013-10-07")!)
        try (try String(contentsOfFile: part.matrixPath, encoding: .utf8) + "\n").write(toFile: part.matrixPath, atomically: true, encoding: .utf8)
        let repaired = try Self.partitioned(plan, lake: lake, "2013-10-07", "2013-10-11")
        #expect(Self.dates(repaired, "built") == ["2013-10-07"])
        Self.expectSame(repaired, changed)
    }
}
