import Foundation
@testable import Host
import Indicators
import PackKit
import Testing

/// ABI 1.1: an instance reports its lookback and horizon from its parameters, and the host
/// fetches history and checks labels with them (horizon in bars as well as nanoseconds).
@Suite struct InstanceCausalityTests {
    /// The test packs, loaded once and kept: a catalogue released by one test deinits its
    /// packs, which would pull them from under a test running in parallel.
    static let shared: Result<PackCatalogue, any Error> = Result {
        try Fixtures.catalogue([try Fixtures.cPack("cpack"), Fixtures.swiftPack("swiftexample"), Fixtures.swiftPack("zeroedge"),
                                try Fixtures.cPack("broken_overreach"), try Fixtures.cPack("broken_history")])
    }

    /// `cPack`: the C example pack built against the current header ("cpack", shared with the
    /// other test packs) or against the frozen 1.0 one ("cpack10", alone, for its one test).
    static func catalogue(_ cPack: String = "cpack") throws -> PackCatalogue {
        cPack == "cpack" ? try shared.get() : try Fixtures.catalogue([try Fixtures.cPack(cPack)])
    }

    /// Ten New York sessions (2024-06-03..06-14) of 390 one-minute bars, written once.
    static let barsFile: Result<String, any Error> = Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-instance-causality-\(getpid()).csv").path
        var text = "ts,open,high,low,close,volume\n"
        let days = [3, 4, 5, 6, 7, 10, 11, 12, 13, 14]
        for (d, day) in days.enumerated() {
            for minute in 0..<390 {
                let close = 100 + Double(d) + 2 * sin(Double(minute) / 17) + Double(minute % 7) * 0.01
                let h = 13 + (30 + minute) / 60, m = (30 + minute) % 60
                let ts = String(format: "2024-06-%02dT%02d:%02d:00Z", day, h, m)
                text += "\(ts),\(close),\(close + 0.05),\(close - 0.05),\(close),1000\n"
            }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A model of the C example pack on `barsFile` with one feature and the given labeler.
    static func builder(_ feature: String, labeler: ComponentRef, cPack: String = "cpack") throws -> (MatrixBuilder, PackCatalogue) {
        let ws = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-ic-\(UUID().uuidString)").path)
        let config = try ModelConfig(pack: "cexample", ticker: "SPY", assetType: "eq", horizon: "15m", cadence: "minute",
                                     indicatorSet: "ic", adapter: ComponentRef(pack: "cexample", id: "csv-bars"),
                                     query: ["source": .string(try barsFile.get())], labeler: labeler)
        let path = try ws.indicatorSetOverride(pack: "cexample", model: config.modelID)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "id: ic\nversion: 1\nstatus: test\ndescription: instance causality\nfeatures:\n  - \(feature)\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let catalogue = try catalogue(cPack)
        return (MatrixBuilder(plan: try ModelPlan(config: config, catalogue: catalogue, workspace: ws)), catalogue)
    }

    @Test func instancesReportLookbackAndHorizonFromTheirParameters() throws {
        let c = try Self.catalogue()
        let z = try FeatureComputer(FeatureSpec(name: "z", pack: "swiftexample", indicator: "zscore", params: ["period": .number(2000)]), catalogue: c)
        #expect(z.lookbackBars == 2000)
        #expect(z.info.causality.lookbackBars == 60, "the descriptor keeps its default")
        let m = try FeatureComputer(FeatureSpec(name: "m", pack: "cexample", indicator: "momentum", params: ["period": .number(37)]), catalogue: c)
        #expect(m.lookbackBars == 37)
        let horizon = try PackLabeler(pack: c.pack("cexample"), id: "forward_return", params: ["horizon": .number(30)]).causality()
        #expect(horizon.horizonBars == 30)
        // An instance without a `lookback` function keeps the descriptor's numbers.
        #expect(try PackIndicator(pack: c.pack("broken_overreach"), id: "honest").causality().lookbackBars == 1)
    }

    @Test func zeroedgesLabelerHorizonFollowsItsFirstHour() throws {
        let pack = try Self.catalogue().pack("zeroedge")
        let hour: Int64 = 3_600_000_000_000
        let standard = try PackLabeler(pack: pack, id: "direction_to_close").causality()
        #expect(standard.horizonNanoseconds == 7 * hour)
        let early = try PackLabeler(pack: pack, id: "direction_to_close", params: ["first_hour": .number(4)]).causality()
        #expect(early.horizonNanoseconds == 12 * hour, "decisions from 04:00 look 12 hours ahead to the close")
    }

    @Test func aZScoreOf2000BarsFetchesAtLeast2000BarsBeforeTheRange() throws {
        let (builder, catalogue) = try Self.builder("{ name: z, pack: swiftexample, indicator: zscore, params: { period: 2000 } }",
                                                    labeler: ComponentRef(pack: "cexample", id: "forward_return"))
        let start = try Timestamps.parseDate("2024-06-13")
        let build = try builder.build(start: start, end: try Timestamps.parseDate("2024-06-14"), checkCausality: true)
        let fetched = try PackDataAdapter(pack: catalogue.pack("cexample"), id: "csv-bars").read(build.query)
        let before = try fetched.timestamps().filter { NewYorkCalendar.date(nanoseconds: $0) < start }.count
        #expect(before >= 2000, "\(build.query.text)")
        let finite = build.matrix.features[0].allSatisfy { $0.isFinite }
        #expect(finite, "every decision has its 2000-bar z-score")
    }

    @Test func aLabelerLookingFurtherThanItsHorizonBarsIsRefusedByTheBuild() throws {
        let (builder, _) = try Self.builder("{ name: m, pack: cexample, indicator: momentum, params: { period: 5 } }",
                                            labeler: ComponentRef(pack: "broken_overreach", id: "overreach"))
        let error = #expect(throws: CausalityError.self) {
            _ = try builder.build(start: try Timestamps.parseDate("2024-06-13"), end: try Timestamps.parseDate("2024-06-14"), checkCausality: false)
        }
        #expect(error?.message.contains("24 bars ahead, beyond the declared horizon of 12 bars") == true, "\(String(describing: error))")
    }

    @Test func aLabelerLookingFurtherThanItsHorizonBarsFailsPackVerify() throws {
        let report = PackVerifier.verify(path: try Fixtures.cPack("broken_overreach"))
        let failed = report.checks.filter { !$0.passed }
        #expect(failed.map(\.name) == ["labeler 'overreach' causality"], "\(report.text)")
        #expect(failed.first?.detail.contains("beyond the declared horizon of 12 bars") == true, "\(report.text)")
    }

    @Test func theCExamplePackBuiltAgainstTheFrozen10HeaderLoadsVerifiesAndBuilds() throws {
        let path = try Fixtures.cPack("cpack10")
        let report = PackVerifier.verify(path: path)
        #expect(report.passed, "\(report.text)")
        #expect(report.checks.contains { $0.name == "ABI version and struct sizes" && $0.detail.contains("ABI 1.0") }, "\(report.text)")
        // The default period: a 1.0 momentum(37) still declares 10 bars, which the history-invariance check refuses.
        let (builder, catalogue) = try Self.builder("{ name: m, pack: cexample, indicator: momentum }",
                                                    labeler: ComponentRef(pack: "cexample", id: "forward_return"), cPack: "cpack10")
        let pack = try catalogue.pack("cexample")
        #expect(pack.abiMinor == 0)
        // A 1.0 instance has no `lookback`/`horizon`: the descriptors' numbers, whatever the parameters.
        #expect(try PackIndicator(pack: pack, id: "momentum", params: ["period": .number(37)]).causality().lookbackBars == 10)
        #expect(try PackLabeler(pack: pack, id: "forward_return", params: ["horizon": .number(5)]).causality().horizonBars == 15)
        let build = try builder.build(start: try Timestamps.parseDate("2024-06-13"), end: try Timestamps.parseDate("2024-06-14"), checkCausality: true)
        #expect(build.matrix.rowCount > 700 && build.causality.labelDecisionsCompared > 0)
    }
}
