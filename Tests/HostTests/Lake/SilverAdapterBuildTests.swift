import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// es0dte's build reads the silver layer: partitions holding the Lean days give the same
/// matrix, byte for byte, as the `lean-csv` adapter on the files themselves.
@Suite struct SilverAdapterBuildTests {
    static let days = ["20131007", "20131008", "20131009", "20131010", "20131011"]

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ES0DTEPipelineTests.leanFolder)))
    func silverPartitionsBuildTheSameMatrixAsTheFiles() throws {
        let lake = LakeFixtures.folder("silver-adapter")
        defer { try? FileManager.default.removeItem(atPath: lake) }
        for day in Self.days {
            let date = "\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))"
            let folder = "\(lake)/silver/es-minute/underlying=ES/date=\(date)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try LakeFixtures.read("\(ES0DTEPipelineTests.leanFolder)/ES_1m_\(day).csv").write(to: URL(fileURLWithPath: "\(folder)/bars.csv"))
        }
        let start = MarketDate.parse("2013-10-07")!, end = MarketDate.parse("2013-10-11")!
        func build(_ adapter: String, _ source: String) throws -> MatrixBuild {
            let plan = try ES0DTEPipelineTests.plan(ES0DTEPipelineTests.workspace(adapter), adapter: ComponentRef(pack: "es0dte", id: adapter),
                                                    query: ["source": .string(source)])
            return try MatrixBuilder(plan: plan).build(start: start, end: end, checkCausality: false)
        }
        let silver = try build("silver", lake)
        let lean = try build("lean-csv", ES0DTEPipelineTests.leanFolder)
        #expect(silver.matrix.rowCount > 20 && silver.matrix.csv() == lean.matrix.csv())
        #expect(silver.warnings.contains { $0.contains("silver: front month and purity") && $0.contains("2013-10-08 ESZ3 99.") }, "\(silver.warnings)")
    }
}
