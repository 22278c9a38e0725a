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

    /// `2013-10-09T14:26:00Z` → nanoseconds.
    enum LeanInstant {
        static func parse(_ text: Substring) -> Int64? {
            guard let day = MarketDate.parse(String(text.prefix(10))) else { return nil }
            let clock = text.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int64($0) }
            return clock.count == 3 ? (Int64(day) * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]) * 1_000_000_000 : nil
        }
    }

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

    /// The real Lean files through `run`: back months filtered, purity reported, the simulated
    /// inputs said; QA passes; every touch is TIMEOUT, so the run stops before training,
    /// naming the label balance (`LabelBalanceCheck`; the CLI exits 1).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: leanFolder))) func leanMinuteFilesBuildAndPassQA() throws {
        let ws = Self.workspace("lean")
        var run = PipelineRun(pack: "es0dte")
        run.runID = "lean"
        run.adapterID = "lean-csv"
        run.query = ["source": .string(Self.leanFolder)]
        run.start = MarketDate.parse("2013-10-07")!
        run.end = MarketDate.parse("2013-10-11")!
        let outcome = try run.run(catalogue: try Self.catalogue.get(), workspace: ws)
        let build = try #require(outcome.build)
        #expect(build.status == "pass" && outcome.stoppedBy == "labels" && outcome.trained == nil)
        let warnings = build.report["warnings"].flatMap { value -> [String]? in
            if case .array(let a) = value { return a.compactMap(\.stringValue) }
            return nil
        } ?? []
        #expect(warnings.contains { $0.contains("2013-10-08 ESZ3 99.") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("simulated on the real path") })
        #expect((build.report["qa_facts"]?["qa_purity"]?["min"]?.doubleValue ?? 0) > 0.99)
        try Self.expectEveryTouchTimesOut(try ws.builtMatrix(outcome.modelID).read())
        let reason = LabelBalanceCheck.stopReason(build.report)
        #expect(reason?.hasPrefix("label balance TIMEOUT 68 (100.0 %): the build's 68 row(s) hold 1 label value(s)") == true, "\(reason ?? "nil")")
        let manifest = try JSON.parse(try String(contentsOfFile: outcome.manifest, encoding: .utf8))
        #expect(manifest["failed_stage"]?.stringValue == "build" && manifest["error"]?.stringValue == reason)
    }

    /// Every touch of the five Lean days is TIMEOUT because none moved 15 points from its level
    /// within its hour: checked here on the raw ESZ3 bars, independently of the labeler. The
    /// nearest miss is the 10:26 SMA_200 touch of 2013-10-09 (14.36 points away from the level,
    /// a bounce 0.64 short); the largest 60-minute move from any bar's close in
    /// 09:30–13:30 is 12.5 points (2013-10-09). Not a unit, contract or tie-rule bug: quiet days.
    static func expectEveryTouchTimesOut(_ matrix: Matrix) throws {
        var bars: [Int64: (high: Double, low: Double)] = [:]
        for day in 7...11 {
            let text = try String(contentsOfFile: "\(leanFolder)/ES_1m_201310\(day < 10 ? "0" : "")\(day).csv", encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",")
                guard f[1] == "ESZ3", let ts = LeanInstant.parse(f[0]) else { continue }
                bars[ts] = (Double(f[3])!, Double(f[4])!)
            }
        }
        let keys = try #require(matrix.keys)
        let side = try #require(matrix.featureNames.firstIndex(of: "x_direction"))
        #expect(matrix.rowCount == 68 && Set(matrix.labels) == ["TIMEOUT"])
        var nearest = (points: 0.0, key: "")
        for row in 0..<matrix.rowCount {
            let level = Double(keys[row].split(separator: "@")[1])!, s = matrix.features[side][row]
            // The label's bars: those starting from the decision (the touching bar's close) for 60 minutes.
            for minute in 0..<60 {
                guard let bar = bars[matrix.ts[row] + Int64(minute) * 60_000_000_000] else { continue }
                let through = s > 0 ? bar.high - level : level - bar.low, away = s > 0 ? level - bar.low : bar.high - level
                if max(through, away) > nearest.points { nearest = (max(through, away), keys[row]) }
            }
        }
        #expect(nearest.key == "2013-10-09T1026-SMA_200@1654.36" && abs(nearest.points - 14.36) < 0.01, "\(nearest)")
    }
}
