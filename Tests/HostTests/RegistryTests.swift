import Foundation
import Host
import PackKit
import Testing

/// A workspace with a hand-made trained model and backtest report (no training needed: the
/// registry checks hashes and copies bytes), and a registry beside it.
struct RegistryBench {
    static let model = "m_test"
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-registry-\(UUID().uuidString)").path
    var workspace: Workspace { Workspace(root: "\(dir)/work") }
    let registry: Registry

    /// Ledger times are pinned: t0, t1, … one "minute" per call, in order.
    init() {
        registry = Registry(root: "\(dir)/registry")
        let counter = Counter()
        registry.clock = { "2026-01-05T14:\(String(format: "%02d", counter.next())):00Z" }
    }

    final class Counter: @unchecked Sendable {
        private var n = 0
        private let lock = NSLock()
        func next() -> Int { lock.withLock { defer { n += 1 }; return n } }
    }

    func write(_ text: String, _ relative: String) throws {
        let path = workspace.path(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A header-only matrix with these feature columns.
    func matrix(_ features: [String]) throws {
        try write((["ts"] + features + ["label", "label_end_ts", "outcome_UP"]).joined(separator: ",") + "\n",
                  "matrices/\(Self.model)/training_matrix_built.csv")
    }

    /// A "trained" model whose model.json is `weights`, plus its backtest report.
    func train(_ weights: String = "weights-a", features: [String] = ["f1", "f2"], status: String = "pass", profile: String = "balanced") throws {
        let schema = Hashing.sha256(features.joined(separator: "\n"))
        let lineage: JSON = .object(["matrix_sha": .string("mx"), "config_sha": .string("cf")])
        let meta: JSON = .object(["model_id": .string(Self.model), "model_sha": .string(Hashing.sha256(weights)),
                                  "feature_schema_sha": .string(schema), "lineage": lineage])
        try write(weights, "artifacts/\(Self.model)/\(profile)/model.json")
        try write(meta.prettyText, "artifacts/\(Self.model)/\(profile)/meta.json")
        try write("{}", "artifacts/\(Self.model)/\(profile)/importance.json")
        let report: JSON = .object([
            "model_id": .string(Self.model), "status": .string(status), "risk_profile": .object(["id": .string(profile)]), "lineage": lineage,
            "best": .object(["threshold": .number(0.6), "metrics": .object(["sharpe": .number(1.25)])]),
            "gates": .array([
                .object(["risk_profile": .string(profile), "threshold": .number(0.6), "status": .string(status),
                         "reasons": .strings(status == "pass" ? [] : ["sharpe 0.10 < 0.50"])]),
                .object(["risk_profile": .string("aggressive"), "status": .string("fail"), "reasons": .strings(["no trades"])]),
            ]),
        ])
        try write(report.prettyText, "reports/backtest_\(Self.model).json")
        try matrix(features)
    }

    /// Registers `count` versions (distinct model.json each).
    func registered(_ count: Int) throws -> Registry {
        for n in 1...count {
            try train("weights-\(n)")
            _ = try registry.register(model: Self.model, workspace: workspace, actor: "tester")
        }
        return registry
    }

    func promote(_ version: String, _ slot: RegistrySlot = .active) throws {
        try registry.promote(id: "\(Self.model)@\(version)", to: slot, workspace: workspace, actor: "tester")
    }

    var active: String? { get throws { try registry.slot(.active, model: Self.model)?.version } }
    var shadow: String? { get throws { try registry.slot(.shadow, model: Self.model)?.version } }
}

/// Expects `body` to throw an error whose text contains every fragment.
func expectFailure(_ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected an error mentioning \(fragments)", sourceLocation: sourceLocation)
    } catch {
        for f in fragments { #expect("\(error)".contains(f), "'\(f)' missing from: \(error)", sourceLocation: sourceLocation) }
    }
}

@Suite struct RegistryTests {
    @Test func registerCopiesTheArtifactAndRecordsTheEntry() throws {
        let b = RegistryBench()
        try b.train("weights-a")
        let entry = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, notes: "first", actor: "tester")
        #expect(entry.id == "m_test@v1")
        #expect(entry.path == "m_test/v1")
        #expect(entry.createdAt == "2026-01-05T14:00:00Z")
        #expect(entry.schemaHash == Hashing.sha256("f1\nf2"))
        #expect(entry.thresholds == .object(["balanced": .number(0.6), "aggressive": .null]))
        #expect(entry.metrics["metrics"]?["sharpe"] == .number(1.25))
        #expect(entry.lineage == .object(["matrix_sha": .string("mx"), "config_sha": .string("cf"), "model_sha": .string(Hashing.sha256("weights-a"))]))
        let folder = b.registry.folder(entry)
        #expect(try String(contentsOfFile: "\(folder)/model.json", encoding: .utf8) == "weights-a")
        for file in ["meta.json", "importance.json", "backtest.json", "entry.json"] { #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)")) }
        #expect(try b.registry.entry(id: "m_test@v1") == entry)
        #expect(try b.registry.ledger() == [LedgerLine(ts: "2026-01-05T14:00:00Z", action: "register", modelID: "m_test", fromVersion: nil,
                                                       toVersion: "v1", reason: "first", actor: "tester")])

        // The same model.json again needs --force, and becomes v2.
        expectFailure(["already registered as m_test@v1", "--force"]) { _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t") }
        let again = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t", force: true)
        #expect(again.version == "v2")
        try b.train("weights-b")
        #expect(try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t").version == "v3")
        #expect(try b.registry.entries(model: nil).map(\.id) == ["m_test@v1", "m_test@v2", "m_test@v3"])
        #expect(try b.registry.entries(model: "other").isEmpty)
        #expect(try b.registry.verify().ok)
    }

    @Test func registerNamesWhatIsMissing() throws {
        let b = RegistryBench()
        expectFailure(["artifacts/m_test", "no trained model", "edgehost train"]) { _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t") }
        try b.train()
        try FileManager.default.removeItem(atPath: b.workspace.backtestReport(RegistryBench.model))
        expectFailure(["backtest_m_test.json", "edgehost backtest"]) { _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t") }
        try b.train(profile: "aggressive")
        expectFailure(["several risk profiles", "aggressive, balanced", "--risk-profile"]) { _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t") }
        expectFailure(["artifacts/m_test/cautious/model.json", "missing"]) {
            _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, riskProfile: "Cautious", actor: "t")
        }
        #expect(try b.registry.register(model: RegistryBench.model, workspace: b.workspace, riskProfile: "Aggressive", actor: "t").version == "v1")
        try b.write("tampered", "artifacts/m_test/balanced/model.json")
        expectFailure(["model_sha", "modified"]) { _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, riskProfile: "balanced", actor: "t") }
    }

    @Test func promoteFillsSlotsAndKeepsTheRollbackTarget() throws {
        let b = RegistryBench()
        _ = try b.registered(3)
        try b.promote("v1")
        try b.promote("v2")
        #expect(try b.active == "v2")
        #expect(try b.registry.previousActive(model: RegistryBench.model) == ["v1"])
        try b.promote("v3", .shadow)
        #expect(try b.shadow == "v3")
        expectFailure(["m_test@v2 is active", "shadow"]) { try b.promote("v2", .shadow) }
        expectFailure(["m_test@v3 is already shadow"]) { try b.promote("v3", .shadow) }
        // The shadow promoted to active leaves the shadow slot empty, with a demote line.
        try b.promote("v3")
        #expect(try b.active == "v3")
        #expect(try b.shadow == nil)
        #expect(try b.registry.previousActive(model: RegistryBench.model) == ["v1", "v2"])
        let tail = try b.registry.ledger().suffix(2)
        #expect(tail.map(\.action) == ["promote", "demote"])
        #expect(tail.map(\.slot) == [.active, .shadow])
        #expect(tail.map(\.fromVersion) == ["v2", "v3"])
        let manifest = try JSON.parse(String(contentsOfFile: "\(b.registry.root)/manifest.json", encoding: .utf8))
        #expect(manifest["slots"] == .object(["m_test": .object(["active": .string("v3")])]))
        #expect(manifest["history"] == .object(["m_test": .strings(["v1", "v2"])]))
        #expect(manifest["schema"] == .number(1))
        #expect(try b.registry.verify().ok)
    }

    @Test func promoteRefusals() throws {
        let b = RegistryBench()
        _ = try b.registered(1)
        expectFailure(["unknown registry id 'm_test@v9'", "m_test has v1"]) { try b.promote("v9") }
        expectFailure(["unknown registry id 'nope@v1'", "no model nope"]) { try b.registry.promote(id: "nope@v1", to: .active, workspace: b.workspace, actor: "t") }
        expectFailure(["not a registry id"]) { try b.registry.promote(id: "m_test", to: .active, workspace: b.workspace, actor: "t") }
        try b.matrix(["f1", "f3"])
        expectFailure(["refusing to promote m_test@v1 to active", "schema mismatch", String(Hashing.sha256("f1\nf2").prefix(12)), "--force --reason"]) { try b.promote("v1") }
        try FileManager.default.removeItem(atPath: b.workspace.matrixFile(RegistryBench.model))
        expectFailure(["no built matrix of m_test", "edgehost build"]) { try b.promote("v1") }
        expectFailure(["--force needs --reason"]) { try b.registry.promote(id: "m_test@v1", to: .active, workspace: b.workspace, force: true, actor: "t") }
        expectFailure(["--force needs --reason"]) { try b.registry.promote(id: "m_test@v1", to: .active, workspace: b.workspace, force: true, reason: "  ", actor: "t") }
        #expect(try b.active == nil)
        #expect(try b.registry.ledger().count == 1)

        // A failed gate, recorded in the frozen backtest.json.
        try b.train("weights-2", status: "fail")
        _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t")
        expectFailure(["backtest gate failed", "risk profile balanced", "sharpe 0.10 < 0.50"]) { try b.promote("v2") }
        try b.registry.promote(id: "m_test@v2", to: .active, workspace: b.workspace, force: true, reason: "hotfix", actor: "ops")
        #expect(try b.active == "v2")
        let last = try #require(try b.registry.ledger().last)
        #expect(last.reason == "forced: hotfix" && last.actor == "ops" && last.action == "promote")
        expectFailure(["m_test@v2 is already active"]) { try b.registry.promote(id: "m_test@v2", to: .active, workspace: b.workspace, force: true, reason: "x", actor: "t") }
    }

    @Test func rollbackWalksBackThroughEarlierActiveVersions() throws {
        let b = RegistryBench()
        let r = try b.registered(3)
        expectFailure(["nothing to roll back to for m_test", "no earlier active version"]) { _ = try r.rollback(model: RegistryBench.model, reason: "x", actor: "t") }
        expectFailure(["nothing to roll back to for ghost", "not in the registry"]) { _ = try r.rollback(model: "ghost", reason: "x", actor: "t") }
        try b.promote("v1")
        try b.promote("v2")
        try b.promote("v3")
        #expect(try r.rollback(model: RegistryBench.model, reason: "drawdown", actor: "t") == ("v3", "v2"))
        #expect(try r.rollback(model: RegistryBench.model, reason: "again", actor: "guardian", action: "guard") == ("v2", "v1"))
        #expect(try b.active == "v1")
        expectFailure(["nothing to roll back to", "active: v1"]) { _ = try r.rollback(model: RegistryBench.model, reason: "x", actor: "t") }
        #expect(try r.ledger().suffix(2).map(\.action) == ["rollback", "guard"])
        // A note that changes nothing.
        try r.record(LedgerLine(ts: "", action: "guard", modelID: RegistryBench.model, fromVersion: "v1", toVersion: "v1", reason: "within limits", actor: "guardian"))
        #expect(try b.active == "v1")
        #expect(try r.ledger().last?.ts == "2026-01-05T14:08:00Z")
        #expect(try r.verify().ok)
    }

    /// Ledger times: register v1..v3 at :00-:02, promote v1 :03, v2 :04, v3 :05, rollback :06, promote v3 shadow :07, rollback :08.
    @Test func activeVersionAtAnInstantComesFromTheLedger() throws {
        let b = RegistryBench()
        let r = try b.registered(3)
        try b.promote("v1")
        try b.promote("v2")
        try b.promote("v3")
        _ = try r.rollback(model: RegistryBench.model, reason: "", actor: "t")
        try b.promote("v3", .shadow)
        _ = try r.rollback(model: RegistryBench.model, reason: "", actor: "t")
        let expected: [(String, String?)] = [
            ("2026-01-05T13:59:59Z", nil), ("2026-01-05T14:02:59Z", nil), ("2026-01-05T14:03:00Z", "v1"), ("2026-01-05T14:04:30Z", "v2"),
            ("2026-01-05T14:05:00Z", "v3"), ("2026-01-05T14:06:00Z", "v2"), ("2026-01-05T14:07:59Z", "v2"), ("2026-01-05T14:08:00Z", "v1"),
            ("2027-01-01T00:00:00Z", "v1"),
        ]
        for (instant, version) in expected {
            #expect(try r.activeVersion(model: RegistryBench.model, at: instant) == version, "at \(instant)")
        }
        #expect(try r.activeVersion(model: "ghost", at: "2027-01-01T00:00:00Z") == nil)
    }

    @Test func verifyDetectsTamperingAndToleratesInterruptedWrites() throws {
        let b = RegistryBench()
        let r = try b.registered(2)
        try b.promote("v1")
        try b.promote("v2")
        #expect(try r.verify() == RegistryVerification(ledgerLines: 4))
        let manifestPath = "\(r.root)/manifest.json"
        let good = try String(contentsOfFile: manifestPath, encoding: .utf8)

        // A hand-edited slot.
        try good.replacingOccurrences(of: "\"active\" : \"v2\"", with: "\"active\" : \"v1\"").write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let tampered = try r.verify()
        #expect(!tampered.ok)
        #expect(tampered.problems.count == 1 && tampered.problems[0].contains("'slots' differs"), "\(tampered.problems)")
        #expect(try r.repair())
        #expect(try String(contentsOfFile: manifestPath, encoding: .utf8) == good)
        #expect(try !r.repair())

        // A modified model file.
        let model = "\(r.root)/m_test/v1/model.json"
        try "weights-x".write(toFile: model, atomically: true, encoding: .utf8)
        let modified = try r.verify()
        #expect(modified.problems.count == 1 && modified.problems[0].contains("\(model): SHA-256"), "\(modified.problems)")
        try "weights-1".write(toFile: model, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(r.root)/m_test/v2/backtest.json")
        #expect(try r.verify().problems == ["\(r.root)/m_test/v2: missing backtest.json"])
        let backtest = try String(contentsOfFile: "\(r.root)/m_test/v1/backtest.json", encoding: .utf8)
        try backtest.write(toFile: "\(r.root)/m_test/v2/backtest.json", atomically: true, encoding: .utf8)

        // A writer killed after its ledger line, before the manifest: a note, repaired by the next write.
        let ledger = "\(r.root)/ledger.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: ledger))
        try handle.seekToEnd()
        let line = LedgerLine(ts: "2026-01-05T15:00:00Z", action: "rollback", modelID: "m_test", fromVersion: "v2", toVersion: "v1", reason: "", actor: "t", slot: .active)
        try handle.write(contentsOf: Data((line.json.text + "\n").utf8))
        // … and one killed mid-append (cannot happen with one write(2), but is handled).
        try handle.write(contentsOf: Data("{\"ts\":\"2026".utf8))
        try handle.close()
        let interrupted = try r.verify()
        #expect(interrupted.ok, "\(interrupted.problems)")
        #expect(interrupted.notes.count == 2 && interrupted.notes[0].contains("partial line of 11 bytes") && interrupted.notes[1].contains("1 ledger line(s) behind"), "\(interrupted.notes)")
        #expect(try b.active == "v1")
        try r.setRollout(model: RegistryBench.model, RolloutConfig(mode: .canary, canaryFraction: 0.25, rngSeed: 7), reason: "try", actor: "t")
        #expect(try r.verify() == RegistryVerification(ledgerLines: 6))
        #expect(try String(contentsOfFile: ledger, encoding: .utf8).hasSuffix("}\n"))

        // A damaged complete line is a problem, and writers refuse to build on it.
        try (String(contentsOfFile: ledger, encoding: .utf8) + "not json\n").write(toFile: ledger, atomically: true, encoding: .utf8)
        #expect(try r.verify().problems.first?.contains("ledger.jsonl line 7: not a ledger line") == true)
        expectFailure(["line 7 is damaged"]) { try b.promote("v2") }
    }

    @Test func rolloutConfigIsStoredAndRoundTrips() throws {
        let b = RegistryBench()
        let r = try b.registered(1)
        #expect(try r.rollout(model: RegistryBench.model) == RolloutConfig())
        let config = RolloutConfig(mode: .canary, canaryFraction: 0.2, rngSeed: 18_000_000_000_000_000_000, cooldownUntil: "2026-01-06T00:00:00Z")
        #expect(try RolloutConfig(json: config.json) == config)
        #expect(config.json["rng_seed"] == .string("18000000000000000000"))
        try r.setRollout(model: RegistryBench.model, config, reason: "canary 20%", actor: "t")
        #expect(try r.rollout(model: RegistryBench.model) == config)
        #expect(try r.ledger().last?.action == "rollout")
        let manifest = try JSON.parse(String(contentsOfFile: "\(r.root)/manifest.json", encoding: .utf8))
        #expect(manifest["rollout"]?["m_test"] == config.json)
        expectFailure(["mode", "disabled, canary, full"]) { _ = try RolloutConfig(json: .object(["mode": .string("half")])) }
        expectFailure(["canary_fraction"]) { _ = try RolloutConfig(json: .object(["mode": .string("canary"), "canary_fraction": .number(2)])) }
    }

    @Test func concurrentWritersAreSerialisedByTheLock() async throws {
        let b = RegistryBench()
        let r = try b.registered(2)
        try b.promote("v1")
        let workspace = b.workspace
        // Two writers alternate the active slot 20 times each; promotes of what is already active fail cleanly.
        await withTaskGroup(of: Void.self) { group in
            for version in ["v1", "v2"] {
                group.addTask {
                    let mine = Registry(root: r.root)
                    for _ in 0..<20 { _ = try? mine.promote(id: "m_test@\(version)", to: .active, workspace: workspace, actor: version) }
                }
            }
        }
        let lines = try r.ledger()
        let result = try r.verify()
        #expect(result == RegistryVerification(ledgerLines: lines.count), "\(result)")
        // Every promote line moves the slot from the other version: no two writers read the same state.
        for (a, b) in zip(lines.dropFirst(3), lines.dropFirst(4)) { #expect(a.toVersion == b.fromVersion) }
    }
}
