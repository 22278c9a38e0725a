import Foundation
import Host
import PackKit
import Testing

/// `edgehost registry …` on a model trained by `edgehost run --pack zeroedge`.
@Suite(.serialized) struct RegistryCommandTests {
    static let model = "spy_opt_0dte_hourly"

    /// One pipeline run shared by the tests (each test has its own registry).
    static let shared: (Workbench, CLITests.Output) = {
        let wb = Workbench()
        return (wb, wb.run(["run", "--pack", "zeroedge"]))
    }()

    struct RegistryDir {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-reg-\(UUID().uuidString)").path
        let workspace: String

        /// `edgehost registry <args> --registry root --workspace workspace`, at a pinned time when given.
        func run(_ args: [String], at time: String? = nil, workspace other: String? = nil) -> CLITests.Output {
            let env = time.map { ["EDGEHOST_REGISTRY_NOW": $0] } ?? [:]
            return CLITests.run("\(CLITests.buildDir)/edgehost", ["registry"] + args + ["--registry", root, "--workspace", other ?? workspace, "--actor", "tester"],
                                environment: env)
        }

        var ledger: [[String: Any]] {
            let text = (try? String(contentsOfFile: "\(root)/ledger.jsonl", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    static func registry() throws -> RegistryDir {
        let (wb, out) = shared
        try #require(out.status == 0, "\(out.stderr)")
        return RegistryDir(workspace: wb.root)
    }

    /// The pipeline's balanced gate may fail on simulated data; promotions then need --force.
    static var gatePassed: Bool { (shared.0.json("reports/backtest_\(model).json")?["status"] as? String) == "pass" }

    /// Promotes, forcing only when the gate requires it.
    static func promote(_ r: RegistryDir, _ version: String, to slot: String = "active", at time: String? = nil) -> CLITests.Output {
        r.run(["promote", "--to", slot, "--id", "\(model)@\(version)"] + (gatePassed ? [] : ["--force", "--reason", "simulated data"]), at: time)
    }

    @Test func registerListShowAndRefusals() throws {
        let r = try Self.registry()
        let first = r.run(["register", "--model", Self.model, "--notes", "first"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("registered \(Self.model)@v1"), "\(first.stdout)")
        let dup = r.run(["register", "--model", Self.model])
        #expect(dup.status == 65 && dup.stderr.contains("already registered as \(Self.model)@v1"), "\(dup.stderr)")
        #expect(r.run(["register", "--model", Self.model, "--force"]).stdout.contains("@v2"))
        let missing = r.run(["register", "--model", "nope_model"])
        #expect(missing.status == 65 && missing.stderr.contains("no trained model for nope_model"), "\(missing.stderr)")

        let list = r.run(["list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("\(Self.model)@v1") && list.stdout.contains("\(Self.model)@v2") && list.stdout.contains("first"), "\(list.stdout)")
        let show = r.run(["show", "\(Self.model)@v1"])
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let meta = try #require(Self.shared.0.json("artifacts/\(Self.model)/balanced/meta.json"))
        #expect(entry["schema_hash"] as? String == meta["feature_schema_sha"] as? String)
        #expect((entry["lineage"] as? [String: Any])?["model_sha"] as? String == meta["model_sha"] as? String)
        #expect(entry["path"] as? String == "\(Self.model)/v1")
        #expect(FileManager.default.contents(atPath: "\(r.root)/\(Self.model)/v1/backtest.json") == FileManager.default.contents(atPath: Self.shared.0.path("reports/backtest_\(Self.model).json")))
        let unknown = r.run(["show", "\(Self.model)@v7"])
        #expect(unknown.status == 65 && unknown.stderr.contains("unknown registry id '\(Self.model)@v7'"), "\(unknown.stderr)")

        // Refusals: the gate (when it failed), --force without --reason, another feature schema, no matrix.
        if !Self.gatePassed {
            let gate = r.run(["promote", "--to", "active", "--id", "\(Self.model)@v1"])
            #expect(gate.status == 1 && gate.stderr.contains("backtest gate failed"), "\(gate.stderr)")
        }
        let noReason = r.run(["promote", "--to", "active", "--id", "\(Self.model)@v1", "--force"])
        #expect(noReason.status == 65 && noReason.stderr.contains("--force needs --reason"), "\(noReason.stderr)")
        let other = Workbench()
        try other.write("ts,other_feature,label,label_end_ts,outcome_UP\n", to: "matrices/\(Self.model)/training_matrix_built.csv")
        let schema = r.run(["promote", "--to", "active", "--id", "\(Self.model)@v1"], workspace: other.root)
        #expect(schema.status == 1 && schema.stderr.contains("schema mismatch"), "\(schema.stderr)")
        let noMatrix = r.run(["promote", "--to", "active", "--id", "\(Self.model)@v1"], workspace: Workbench().root)
        #expect(noMatrix.status == 1 && noMatrix.stderr.contains("no built matrix"), "\(noMatrix.stderr)")
        #expect(r.ledger.map { $0["action"] as? String } == ["register", "register"])
    }

    @Test func promoteRollbackHistoryAndVerify() throws {
        let r = try Self.registry()
        for n in 1...3 { #expect(r.run(["register", "--model", Self.model, "--force"], at: "2026-01-05T13:0\(n):00Z").status == 0) }
        #expect(Self.promote(r, "v1", at: "2026-01-05T14:00:00Z").status == 0)
        #expect(Self.promote(r, "v2", at: "2026-01-05T15:00:00Z").status == 0)
        #expect(Self.promote(r, "v3", to: "shadow", at: "2026-01-05T15:30:00Z").status == 0)
        #expect(Self.promote(r, "v3", at: "2026-01-05T16:00:00Z").status == 0)
        let back = r.run(["rollback", "--model", Self.model, "--reason", "drawdown"], at: "2026-01-05T17:00:00Z")
        #expect(back.status == 0 && back.stdout.contains("active v3 → v2"), "\(back.stdout)\(back.stderr)")
        #expect(r.run(["rollback", "--model", Self.model], at: "2026-01-05T18:00:00Z").stdout.contains("active v2 → v1"))
        let nothing = r.run(["rollback", "--model", Self.model])
        #expect(nothing.status == 65 && nothing.stderr.contains("nothing to roll back to"), "\(nothing.stderr)")

        #expect(r.ledger.map { $0["action"] as? String } == ["register", "register", "register", "promote", "promote", "promote", "promote", "demote", "rollback", "rollback"])
        let history = r.run(["history", "--model", Self.model])
        #expect(history.stdout.split(separator: "\n").count == 10)
        #expect(history.stdout.contains("2026-01-05T17:00:00Z  rollback  active  v3 → v2  by tester  (drawdown)"), "\(history.stdout)")
        for (instant, answer) in [("2026-01-05T13:59:59Z", "no active version"), ("2026-01-05T14:00:00Z", "@v1"), ("2026-01-05T15:45:00Z", "@v2"),
                                  ("2026-01-05T16:30:00Z", "@v3"), ("2026-01-05T17:00:00Z", "@v2"), ("2026-01-05T14:00:00Z", "@v1"),
                                  ("2026-02-01T00:00:00Z", "@v1")] {
            let at = r.run(["history", "--model", Self.model, "--at", instant])
            #expect(at.stdout.contains(answer), "at \(instant): \(at.stdout)")
        }
        #expect(r.run(["history", "--model", Self.model, "--at", "yesterday"]).status == 64)

        let verify = r.run(["verify"])
        #expect(verify.status == 0 && verify.stdout.contains("ok (10 ledger lines, 3 versions)"), "\(verify.stdout)\(verify.stderr)")
        // A tampered manifest, then a tampered model file.
        let manifest = "\(r.root)/manifest.json"
        let good = try String(contentsOfFile: manifest, encoding: .utf8)
        try good.replacingOccurrences(of: "\"active\" : \"v1\"", with: "\"active\" : \"v3\"").write(toFile: manifest, atomically: true, encoding: .utf8)
        let tampered = r.run(["verify"])
        #expect(tampered.status == 1 && tampered.stderr.contains("'slots' differs from the ledger's"), "\(tampered.stderr)")
        let repaired = r.run(["verify", "--repair"])
        #expect(repaired.status == 0 && repaired.stdout.contains("repaired"), "\(repaired.stdout)\(repaired.stderr)")
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == good)
        let modelFile = "\(r.root)/\(Self.model)/v2/model.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: modelFile))
        let modified = r.run(["verify"])
        #expect(modified.status == 1 && modified.stderr.contains("\(modelFile): SHA-256"), "\(modified.stderr)")

        let rollout = r.run(["rollout", "--model", Self.model, "--mode", "canary", "--fraction", "0.2", "--seed", "7"])
        #expect(rollout.status == 0, "\(rollout.stderr)")
        let config = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any])?["rollout"] as? [String: Any])
        #expect((config[Self.model] as? [String: Any])?["canary_fraction"] as? Double == 0.2)
        #expect((config[Self.model] as? [String: Any])?["rng_seed"] as? Int == 7)
    }

    /// Promotion did not check the model.json digest (alerts did): a tampered copy could be served.
    @Test func promoteRefusesATamperedModel() throws {
        let r = try Self.registry()
        #expect(r.run(["register", "--model", Self.model]).status == 0)
        let file = "\(r.root)/\(Self.model)/v1/model.json"
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        try (good + Data(" ".utf8)).write(to: URL(fileURLWithPath: file))
        for extra in [[], ["--force", "--reason", "try"]] {
            let out = r.run(["promote", "--to", "active", "--id", "\(Self.model)@v1"] + extra)
            #expect(out.status == 65 && out.stderr.contains("refusing to promote \(Self.model)@v1") && out.stderr.contains("the file was modified"), "\(out.stderr)")
        }
        #expect(!r.ledger.contains { $0["action"] as? String == "promote" })
        try good.write(to: URL(fileURLWithPath: file))
        #expect(Self.promote(r, "v1").status == 0)
    }

    @Test func concurrentProcessesAreSerialised() throws {
        let r = try Self.registry()
        for _ in 1...2 { #expect(r.run(["register", "--model", Self.model, "--force"]).status == 0) }
        #expect(Self.promote(r, "v1").status == 0)
        let force = Self.gatePassed ? [] : ["--force", "--reason", "simulated data"]
        // Two processes flip the active slot back and forth while six set rollouts.
        let jobs: [[String]] = (0..<4).map { ["promote", "--to", "active", "--id", "\(Self.model)@v\($0 % 2 + 1)"] + force }
            + (0..<6).map { ["rollout", "--model", Self.model, "--mode", "canary", "--seed", String($0)] }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { n in results.set(n, r.run(jobs[n])) }
        let outputs = jobs.indices.compactMap { results.outputs[$0] }
        let lines = r.ledger
        #expect(lines.count == 3 + outputs.filter { $0.status == 0 }.count)
        #expect(outputs.suffix(6).allSatisfy { $0.status == 0 })
        let verify = r.run(["verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        // Every promote starts from the active version the one before it left.
        var active = "v1"
        for line in lines.dropFirst(3) where line["action"] as? String == "promote" {
            #expect(line["from_version"] as? String == active)
            active = line["to_version"] as? String ?? ""
        }
    }

    /// Outputs of processes run in parallel.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var outputs: [Int: CLITests.Output] = [:]
        func set(_ n: Int, _ output: CLITests.Output) { lock.withLock { outputs[n] = output } }
    }

    @Test func crashTestSurvivesKills() throws {
        _ = try Self.registry()
        let out = CLITests.run("/usr/bin/env", ["python3", "\(CLITests.repoRoot)/Tests/Fixtures/registry/crash_test.py",
                                                "--edgehost", "\(CLITests.buildDir)/edgehost", "--iterations", "20",
                                                "--workspace", Self.shared.0.root])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(result["bench"] as? String == "registry.crash_test")
        #expect(result["iterations"] as? Int == 20)
        #expect(result["verify_failures"] as? Int == 0)
        #expect((result["kills"] as? Int ?? 0) + (result["completed"] as? Int ?? 0) == 20)
    }
}
