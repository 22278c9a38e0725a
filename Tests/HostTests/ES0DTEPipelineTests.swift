import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// The es0dte pack through the host: `run --pack es0dte` on the simulated market (preview →
/// build → train BREAK/BOUNCE/TIMEOUT → backtest → alerts), byte-identical rebuilds, the purity
/// gate on a back-month-heavy day, and the Lean minute files.
@Suite(.serialized) struct ES0DTEPipelineTests {
    static let catalogue: Result<PackCatalogue, any Error> = Result { try Fixtures.catalogue([Fixtures.swiftPack("es0dte")]) }
    static let leanFolder = "\(Fixtures.repoRoot)/../shared/data/es/minute"

    static func workspace(_ name: String) -> Workspace {
        Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-es0dte-\(name)-\(UUID().uuidString)").path)
    }

    static let run: Result<(Workspace, PipelineRun.Outcome), any Error> = Result {
        let ws = workspace("run")
        var run = PipelineRun(pack: "es0dte")
        run.runID = "es0dte"
        run.start = MarketDate.parse("2024-03-04")!
        run.end = MarketDate.parse("2024-04-05")!
        return (ws, try run.run(catalogue: try catalogue.get(), workspace: ws))
    }

    static func plan(_ ws: Workspace, adapter: ComponentRef? = nil, query: [String: JSON] = [:]) throws -> ModelPlan {
        let catalogue = try catalogue.get()
        let defaults = try PackDefaults(pack: try catalogue.pack("es0dte"))
        let config = try ModelConfig(json: .object(["pack": .string("es0dte")]), context: "test") { _ in defaults }
        return try ModelPlan(config: config, catalogue: catalogue, workspace: ws, adapter: adapter, query: query)
    }

    @Test func runTrainsThreeClassesAndAlertsOnKeyedEvents() throws {
        let (ws, outcome) = try Self.run.get()
        #expect(outcome.stoppedBy == nil)
        let statuses: [String?] = [outcome.preview.status, outcome.build?.status, outcome.trained?.status]
        #expect(statuses.allSatisfy { $0 != nil && $0 != "fail" }, "\(statuses)")
        let matrix = try ws.builtMatrix(outcome.modelID).read()
        #expect(Set(matrix.labels) == ["BREAK", "BOUNCE", "TIMEOUT"])
        let keys = try #require(matrix.keys)
        // Event ids: the date and New York time of the decision, the level kind and price.
        #expect(keys.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d{4}-(PM|OR|SMA)_(HIGH|LOW|200|400)@\d+\.\d\d$"#, options: .regularExpression) != nil })
        #expect(zip(matrix.ts, keys).allSatisfy { ts, key in key.hasPrefix(Timestamps.date(matrix.market.day(ts))) })
        // Some bars touch two levels: two rows at one instant.
        #expect(zip(matrix.ts, matrix.ts.dropFirst()).contains { $0 == $1 })
        // Decisions 09:31–13:30 New York; minutes_since_open from 0.
        let zone = try #require(ZoneClock(identifier: "America/New_York"))
        #expect(matrix.ts.allSatisfy { (9 * 60 + 31...13 * 60 + 30).contains(zone.minuteOfDay(nanoseconds: $0)) })
        // The QA facts behind the gate.
        let profile = try JSON.parse(try String(contentsOfFile: try ws.profileFile(outcome.modelID), encoding: .utf8))
        let qa = try #require(profile["qa_facts"])
        #expect(qa["qa_clock_0930"]?["min"]?.doubleValue == 0 && qa["qa_clock_0930"]?["max"]?.doubleValue == 0)
        #expect(qa["qa_atr_premarket_bars"]?["max"]?.doubleValue == 0)
        #expect((qa["qa_purity"]?["min"]?.doubleValue ?? 0) > 0.9 && qa["qa_physics"]?["mean"]?.doubleValue == 1)
        #expect(profile["leakage"]?["row_features"]?["decisions_compared"].flatMap(\.intValue).map { $0 > 100 } == true)
        // The model is 3-class; alerts carry the decision key.
        let artifact = try ModelArtifact(folder: try ws.artifactFolder(outcome.modelID, riskProfile: "balanced"))
        #expect(artifact.encoder.classes == ["BOUNCE", "BREAK", "TIMEOUT"])
        #expect(outcome.alerts?.signals.allSatisfy { $0.decisionKey != nil } == true)
        let signals = try String(contentsOfFile: try ws.signalsFile(outcome.modelID), encoding: .utf8)
        #expect(signals.hasPrefix(SignalsFile.keyedHeader + "\n") || outcome.alerts?.signals.isEmpty == true)
    }

    /// Same seed, same range: the same matrix bytes, keys included.
    @Test func twoBuildsAreByteIdentical() throws {
        let plan = try Self.plan(Self.workspace("twice"))
        let start = MarketDate.parse("2024-03-11")!, end = MarketDate.parse("2024-03-15")!
        let a = try MatrixBuilder(plan: plan).build(start: start, end: end, checkCausality: false).matrix
        let b = try MatrixBuilder(plan: plan).build(start: start, end: end, checkCausality: false).matrix
        #expect(a.rowCount > 20 && a.csv() == b.csv())
    }

    /// A day whose back month outtrades the front fails the purity gate, with the number.
    @Test func backMonthHeavyDayFailsPurity() throws {
        let ws = Self.workspace("purity")
        let plan = try Self.plan(ws, adapter: ComponentRef(pack: "es0dte", id: "sim", params: ["seed": .number(11), "back_heavy": .string("2024-03-13")]))
        let stages = MatrixStages(workspace: ws, ledger: RunLedger(workspace: ws, runID: "purity"))
        do {
            _ = try stages.build(plan, start: MarketDate.parse("2024-03-11")!, end: MarketDate.parse("2024-03-15")!)
            Issue.record("the purity gate passed a back-month-heavy day")
        } catch let error as EdgehostError {
            #expect(error.code == "qa-failed")
            #expect(error.description.range(of: #"front-month purity 4\d\.\d % < 60\.0 %"#, options: .regularExpression) != nil, "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: try ws.matrixFile(plan.config.modelID)))
    }

    /// `edgehost events`: one session's touches with event id, level kind, direction and outcome.
    @Test func eventsOfOneSession() throws {
        let day = MarketDate.parse("2024-03-12")!
        let listing = try EventListing(pack: "es0dte", date: day, catalogue: try Self.catalogue.get(), workspace: Self.workspace("events"))
        #expect(!listing.events.isEmpty)
        for event in listing.events {
            #expect(event.key?.hasPrefix("2024-03-12T") == true && ["BREAK", "BOUNCE", "TIMEOUT"].contains(event.label))
            let text = Dictionary(uniqueKeysWithValues: event.text.map { ($0.name, $0.value) })
            #expect(event.key?.contains("-\(text["level_kind"] ?? "?")@") == true)
            #expect(["from_below", "from_above"].contains(text["direction"] ?? ""))
        }
        guard case .array(let rows) = listing.json, let first = rows.first else { Issue.record("no JSON rows"); return }
        #expect(first["event_id"]?.stringValue == listing.events[0].key && first["outcome"]?.stringValue == listing.events[0].label)
    }

    /// The real Lean files: back months filtered, purity reported, the simulated inputs said; QA passes.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: leanFolder))) func leanMinuteFilesBuildAndPassQA() throws {
        let ws = Self.workspace("lean")
        let plan = try Self.plan(ws, adapter: ComponentRef(pack: "es0dte", id: "lean-csv"), query: ["source": .string(Self.leanFolder)])
        let build = try MatrixBuilder(plan: plan).build(start: MarketDate.parse("2013-10-07")!, end: MarketDate.parse("2013-10-11")!, checkCausality: true)
        #expect(build.matrix.rowCount > 20)
        let verdict = try MatrixStages(workspace: ws, ledger: RunLedger(workspace: ws, runID: "lean")).qaVerdict(plan, MatrixProfile(build))
        #expect(verdict.status == "pass", "\(verdict.reasons)")
        #expect(build.warnings.contains { $0.contains("2013-10-08 ESZ3 99.") }, "\(build.warnings)")
        #expect(build.warnings.contains { $0.contains("simulated on the real path") })
        #expect((build.qa["qa_purity"]?.min() ?? 0) > 0.99)
    }
}
