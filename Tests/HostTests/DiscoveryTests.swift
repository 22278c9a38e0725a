import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// `edgehost discover` end to end on the fixture pack `discoverysim`
/// (Tests/Fixtures/packs/discovery): 24x7 5-minute bars where a quarter of each ±80 bps shock
/// reverses over the next three bars (SHOCK), and a control event with no effect (CONTROL).
/// One discovery run of three weeks, two symbols, is shared by the checks.
@Suite(.serialized) struct DiscoveryTests {
    static let catalogue: Result<PackCatalogue, any Error> = Result { try Fixtures.catalogue([try Fixtures.cPack("discoverysim")]) }
    static let window = (start: MarketDate.parse("2024-01-01")!, end: MarketDate.parse("2024-01-21")!)

    static func workspace() -> Workspace {
        Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-discovery-\(UUID().uuidString)").path)
    }

    static func discovery(_ runID: String) -> DiscoveryRun {
        var run = DiscoveryRun(pack: "discoverysim", runID: runID, symbols: ["AAA", "BBB"], start: window.start, end: window.end)
        run.hybrid = true
        return run
    }

    static let main: Result<(Workspace, DiscoveryRun.Outcome), any Error> = Result {
        let ws = workspace()
        return (ws, try discovery("planted").run(catalogue: try catalogue.get(), workspace: ws))
    }

    static func text(_ ws: Workspace, _ parts: String...) throws -> String {
        try String(contentsOfFile: parts.reduce(ws.root) { ($0 as NSString).appendingPathComponent($1) }, encoding: .utf8)
    }

    static func candidate(_ outcome: DiscoveryRun.Outcome, _ type: String, _ h: Int, _ verb: Candidate.Verb, _ state: String = "all") throws -> Candidate {
        try #require(outcome.candidates.first { $0.key == "\(type)|\(h)|\(verb.rawValue)|\(state)" })
    }

    @Test("the planted SHOCK reversal passes the gate at 3, 6 and 12 bars; CONTROL and the continue verb never do")
    func plantedEffectPassesControlDoesNot() throws {
        let (_, outcome) = try Self.main.get()
        #expect(outcome.eventTypes == ["SHOCK", "CONTROL"])
        #expect(outcome.candidates.count == 2 * 6 * 2 * 5)
        for h in [3, 6, 12] {
            let c = try Self.candidate(outcome, "SHOCK", h, .meanRevert)
            #expect(c.passes, "\(c.key): \(c.reasons)")
            // A quarter of an 80 bps jump: about 20 bps gross, about 10 bps of costs.
            #expect(c.grossBps > 12 && c.grossBps < 28, "\(c.key) gross \(c.grossBps)")
            #expect(c.costBps > 8 && c.costBps < 13, "\(c.key) cost \(c.costBps)")
            #expect(c.n >= 80)
        }
        // One bar sees a third of the reversal: significant, but not worth the costs.
        let short = try Self.candidate(outcome, "SHOCK", 1, .meanRevert)
        #expect(!short.passes && short.q <= 0.05 && short.reasons.contains { $0.hasPrefix("net_bps") }, "\(short.reasons)")
        #expect(outcome.candidates.filter { $0.eventType == "CONTROL" && $0.passes }.isEmpty)
        #expect(outcome.candidates.filter { $0.verb == .continue && $0.passes }.isEmpty)
    }

    @Test("candidates.csv: fixed header, row order and numbers that read back exactly")
    func candidatesFile() throws {
        let (ws, outcome) = try Self.main.get()
        let csv = try Self.text(ws, "reports", "phase2", "planted", "SHOCK", "candidates.csv")
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "event_type,horizon,verb,state,n_events,gross_bps,cost_bps,net_bps,hit_rate,nw_t,p_value,bh_q,net_ci_low_bps,net_ci_high_bps,gate_phase2_final,reasons")
        #expect(lines.count == 1 + 60)
        #expect(lines[1].hasPrefix("SHOCK,1,mean_revert,all,"))
        let read = try CandidatesFile.read(ws.path("reports", "phase2", "planted", "SHOCK", "candidates.csv"))
        let stored = outcome.candidates.filter { $0.eventType == "SHOCK" }
        #expect(read.map(\.key) == stored.map(\.key))
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        #expect(zip(read, stored).allSatisfy { same($0.netBps, $1.netBps) && same($0.t, $1.t) && same($0.q, $1.q) && $0.passes == $1.passes })
    }

    @Test("blueprints: one line per passing candidate with rules, CI, hashes and robustness")
    func blueprints() throws {
        let (ws, outcome) = try Self.main.get()
        let lines = try Self.text(ws, "reports", "strategy_blueprints", "planted", "blueprints.jsonl").split(separator: "\n")
        #expect(lines.count == outcome.passing && outcome.passing == outcome.blueprints.count)
        let blueprint = try #require(try lines.map { try JSON.parse(String($0)) }.first { $0["id"]?.stringValue == "shock_mean_revert_h3_all" })
        #expect(blueprint["event_type"]?.stringValue == "SHOCK" && blueprint["horizon_bars"]?.intValue == 3)
        #expect(blueprint["run_id"]?.stringValue == "planted" && blueprint["data_sha"]?["AAA"]?.stringValue?.count == 64)
        let ci = try #require(blueprint["expectancy_after_cost_ci95_bps"].flatMap { if case .array(let a) = $0 { return a.compactMap(\.doubleValue) } else { return nil } })
        let net = try #require(blueprint["expectancy_after_cost_bps"]?.doubleValue)
        #expect(ci.count == 2 && ci[0] < net && net < ci[1] && ci[0] > 0)
        #expect(blueprint["entry_rule"]?.stringValue?.contains("next bar") == true)
        // --hybrid: both symbols and both halves agree on the sign of a real effect.
        #expect(blueprint["robustness"]?["sign_stable"]?.boolValue == true)
        guard case .array(let halves)? = blueprint["robustness"]?["halves"] else { Issue.record("no halves"); return }
        #expect(halves.count == 2 && halves[0]["end"]?.stringValue == "2024-01-11")
    }

    @Test("phase 1 summary and the run manifest with the discovery window")
    func summaryAndManifest() throws {
        let (ws, _) = try Self.main.get()
        let summary = try JSON.parse(try Self.text(ws, "reports", "phase1", "planted", "SHOCK", "summary.json"))
        let all = try #require(summary["all"])
        // About 1 % of 2 × 21 × 288 bars.
        let events = try #require(all["events"]?.intValue)
        #expect(events > 80 && events < 200, "\(events)")
        guard case .array(let forward)? = all["forward_returns"] else { Issue.record("no forward_returns"); return }
        #expect(forward.count == 6 && forward[1]["horizon_bars"]?.intValue == 3)
        // The continue-signed return of a shock reverses: negative mean at 3 bars.
        #expect((forward[1]["mean_bps"]?.doubleValue ?? 0) < -10)
        let manifest = try JSON.parse(try Self.text(ws, "runs", "planted", "run_manifest.json"))
        #expect(manifest["status"]?.stringValue == "ok")
        #expect(manifest["discovery"]?["start"]?.stringValue == "2024-01-01" && manifest["discovery"]?["end"]?.stringValue == "2024-01-21")
        guard case .array(let stages)? = manifest["stages"] else { Issue.record("no stages"); return }
        #expect(stages.compactMap { $0["stage"]?.stringValue } == ["ingest", "clean", "features", "phase1", "phase2", "blueprints"])
        #expect(stages.allSatisfy { $0["status"]?.stringValue == "ok" && $0["log"] != nil })
    }

    @Test("validate-oos: an evaluation window overlapping the discovery window is refused with exit 1")
    func outOfSample() throws {
        let (ws, _) = try Self.main.get()
        #expect(throws: Never.self) {
            try OutOfSampleWindow.check(workspace: ws, runID: "planted", evalStart: MarketDate.parse("2024-01-22")!, evalEnd: MarketDate.parse("2024-02-29")!)
        }
        do {
            try OutOfSampleWindow.check(workspace: ws, runID: "planted", evalStart: MarketDate.parse("2024-01-15")!, evalEnd: MarketDate.parse("2024-02-29")!)
            Issue.record("an overlapping window passed")
        } catch {
            let e = EdgehostError(error)
            #expect(e.exit == .checkFailed && e.code == "oos-overlap" && e.message.contains("2024-01-01..2024-01-21"), "\(e)")
        }
    }

    @Test("--event-type re-runs one type: the gate reuses the stored candidates of the others, same bytes")
    func eventTypeRerun() throws {
        let (ws, outcome) = try Self.main.get()
        let before = try Self.text(ws, "reports", "phase2", "planted", "SHOCK", "candidates.csv")
        let control = try Self.text(ws, "reports", "phase2", "planted", "CONTROL", "candidates.csv")
        let blueprints = try Self.text(ws, "reports", "strategy_blueprints", "planted", "blueprints.jsonl")
        var rerun = Self.discovery("planted")
        rerun.eventType = "control"
        let again = try rerun.run(catalogue: try Self.catalogue.get(), workspace: ws)
        #expect(again.eventTypes == ["CONTROL"])
        #expect(again.candidates.count == outcome.candidates.count)
        #expect(try Self.text(ws, "reports", "phase2", "planted", "SHOCK", "candidates.csv") == before)
        #expect(try Self.text(ws, "reports", "phase2", "planted", "CONTROL", "candidates.csv") == control)
        // Blueprints of SHOCK are kept (its robustness is not re-checked by a CONTROL run).
        #expect(try Self.text(ws, "reports", "strategy_blueprints", "planted", "blueprints.jsonl").split(separator: "\n").count
                == blueprints.split(separator: "\n").count)
    }

    @Test("an event type with no events gives a clear empty report; an unknown type is an error naming the known ones")
    func emptyAndUnknown() throws {
        let ws = Self.workspace()
        var run = DiscoveryRun(pack: "discoverysim", runID: "quiet", symbols: ["AAA"], start: Self.window.start, end: Self.window.start + 1)
        run.adapterParams = ["shock_rate": .number(0)]
        run.eventType = "SHOCK"
        let outcome = try run.run(catalogue: try Self.catalogue.get(), workspace: ws)
        #expect(outcome.events["SHOCK"] == 0 && outcome.passing == 0)
        let summary = try JSON.parse(try Self.text(ws, "reports", "phase1", "quiet", "SHOCK", "summary.json"))
        #expect(summary["empty"]?.boolValue == true && summary["note"]?.stringValue?.contains("no SHOCK events") == true)
        #expect(outcome.candidates.allSatisfy { $0.n == 0 && $0.reasons.contains("no p-value") })
        #expect(try Self.text(ws, "reports", "strategy_blueprints", "quiet", "blueprints.jsonl").isEmpty)

        var unknown = run
        unknown.eventType = "NOPE"
        #expect {
            try unknown.run(catalogue: try Self.catalogue.get(), workspace: ws)
        } throws: { error in
            "\(error)".contains("no event type 'NOPE'") && "\(error)".contains("SHOCK, CONTROL") && EdgehostError(error).exit == .badInput
        }
        let manifest = try JSON.parse(try Self.text(ws, "runs", "quiet", "run_manifest.json"))
        #expect(manifest["status"]?.stringValue == "failed" && manifest["failed_stage"]?.stringValue == "features")
    }
}
