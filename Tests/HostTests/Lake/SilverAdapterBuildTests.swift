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

    /// A date's `quotes.csv` (real top of book and signed volume, `lake silver` from bronze
    /// mbp-1/bbo files) replaces the simulated book on its minutes and nowhere else, and the
    /// warning says how many minutes were real.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: ES0DTEPipelineTests.leanFolder)))
    func quotesFromTheLakeReplaceTheSimulatedBook() throws {
        let lake = LakeFixtures.folder("silver-quotes")
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let folder = "\(lake)/silver/es-minute/underlying=ES/date=2013-10-08"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try LakeFixtures.read("\(ES0DTEPipelineTests.leanFolder)/ES_1m_20131008.csv").write(to: URL(fileURLWithPath: "\(folder)/bars.csv"))
        try """
            ts,contract,bid,ask,bid_size,ask_size,signed_volume
            2013-10-08T14:00:00Z,ESZ3,1670.25,1670.5,412,97,-35
            2013-10-08T14:01:00Z,ESZ3,,,,,18
            2013-10-08T14:02:00Z,ESH4,1664.5,1664.75,5,6,1

            """.write(toFile: "\(folder)/quotes.csv", atomically: true, encoding: .utf8)
        let catalogue = try ES0DTEPipelineTests.catalogue.get()
        func frame(_ adapter: String, _ source: String) throws -> (Frame, [String]) {
            let q: [String: JSON] = ["symbol": .string("ES"), "start": .string("2013-10-08"), "end": .string("2013-10-08"), "source": .string(source)]
            let a = try PackDataAdapter(pack: try catalogue.pack("es0dte"), id: adapter, params: [:])
            return try Log.capturingPackWarnings { try a.read(.object(q)) }
        }
        let (silver, warnings) = try frame("silver", lake)
        let (lean, _) = try frame("lean-csv", ES0DTEPipelineTests.leanFolder)
        let ts = try silver.timestamps(), at = { (text: String) in ts.firstIndex(of: Timestamps.parseInstant(text)!)! }
        let (r0, r1) = (at("2013-10-08T14:00:00Z"), at("2013-10-08T14:01:00Z"))
        #expect(try silver.float64("bid")[r0] == 1670.25 && silver.float64("ask")[r0] == 1670.5)
        #expect(try silver.float64("bid_size")[r0] == 412 && silver.float64("ask_size")[r0] == 97 && silver.float64("signed_volume")[r0] == -35)
        // 14:01 gave only a signed volume: its book stays simulated (the lean-csv frame's).
        #expect(try silver.float64("signed_volume")[r1] == 18 && silver.float64("bid")[r1] == lean.float64("bid")[r1])
        // Every other minute (and the back month's row) leaves the simulated frame as it was.
        for name in ["bid", "ask", "bid_size", "ask_size", "signed_volume"] {
            let a = try silver.float64(name), b = try lean.float64(name)
            #expect(ts.indices.filter { $0 != r0 && $0 != r1 }.allSatisfy { a[$0] == b[$0] || (a[$0].isNaN && b[$0].isNaN) }, "\(name)")
        }
        #expect(warnings.contains { $0.contains("the top of book is real on 1 of \(ts.count) minutes and the signed volume on 2") }, "\(warnings)")
    }
}
