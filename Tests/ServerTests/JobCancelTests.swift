import EdgehostServer
import Foundation
import Host
import Testing

/// `DELETE /jobs/{id}` stops a running stage at its next check point, not only between stages:
/// the job is `cancelled`, the model is free again within 2 s, and nothing was written.
@Suite struct JobCancelTests {
    static let model = "spy_opt_0dte_hourly"

    @Test func cancellingARunningBuildStopsItMidStageAndWritesNothing() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let created = try await server.post("/models", ["pack_id": "zeroedge", "ticker": "SPY", "asset_type": "opt", "horizon": "0dte",
                                                        "cadence": "hourly", "indicator_set_name": "zeroedge_pin_drift_v1"])
        #expect(created.status == 201, "\(created.text)")
        // A year of simulated minutes: many seconds of features and causality checks if left to run.
        let build = try await server.post("/build_matrix", ["model_id": Self.model, "start": "2024-01-02", "end": "2024-12-31"])
        let id = try #require(build.object["job_id"] as? String, "\(build.text)")
        // Cancelled once the features have started: mid-stage, past the adapter's read.
        var stage = ""
        let started = Date()
        while !stage.hasPrefix("features"), Date().timeIntervalSince(started) < 60 {
            try await Task.sleep(for: .milliseconds(20))
            let job = try await server.get("/jobs/\(id)").object
            stage = (job["progress"] as? [String: Any])?["stage"] as? String ?? ""
            #expect(job["state"] as? String == "running", "\(job)")
        }
        let asked = Date()
        let cancelled = try await server.request("DELETE", "/jobs/\(id)")
        #expect(cancelled.status == 200 && cancelled.object["state"] as? String == "cancelled", "\(cancelled.text)")
        // The flow has returned once no job runs: the model's lock is released.
        var running = true
        while running, Date().timeIntervalSince(asked) < 10 {
            running = try await server.get("/metrics").text.contains("\nedgehost_jobs_running 1")
            if running { try await Task.sleep(for: .milliseconds(20)) }
        }
        let waited = Date().timeIntervalSince(asked)
        #expect(!running && waited < 2, "the build still ran \(waited) s after DELETE")
        #expect(try await server.get("/jobs/\(id)").object["state"] as? String == "cancelled")
        // Nothing half-written: no matrix, no profile, no temporaries.
        let folder = "\(server.workspace)/matrices/\(Self.model)"
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(left.filter { ["training_matrix_built.csv", "profile.json"].contains($0) || $0.contains(".tmp-") }.isEmpty, "\(left)")
    }
}

/// The leaderboard's answers are kept between requests, but never past a write: a row another
/// connection commits (here the CLI's way, straight into the SQLite file) is in the next answer.
@Suite struct LeaderboardFreshnessTests {
    @Test func aWriteByAnotherConnectionIsInTheNextAnswer() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.get("/leaderboard?top=100").array.isEmpty)
        #expect(try await server.get("/leaderboard?top=100").array.isEmpty, "the kept answer")
        let store = try SQLiteLeaderboard(path: Workspace(root: server.workspace).database)
        var row = LeaderboardRow(key: "k1", runID: "r1", modelID: "m1", modelVersion: "v1", riskProfile: "balanced", threshold: 0.6,
                                 topPct: nil, allowedHours: "13,14", splits: 5, trades: 40, winRate: 0.5, meanReturn: 0.001,
                                 medianReturn: 0, totalReturn: 0.04, sharpe: 1.25, sortino: 1, maxDrawdown: -0.1, calmar: 0.5,
                                 deflatedSharpe: 0.8, foldSharpeSpread: 0.2, gateStatus: "fail", gateReasons: "[]", matrixSHA: "abc",
                                 configSHA: "def", reportPath: "reports/x.json", createdAt: "2026-01-01T00:00:00Z")
        try store.upsert([row])
        let first = try await server.get("/leaderboard?top=100").array
        #expect(first.map { $0["key"] as? String } == [row.key], "\(first)")
        row.sharpe = 2.5
        try store.upsert([row])
        #expect(try await server.get("/leaderboard?top=100").array.first?["sharpe"] as? Double == 2.5)
        #expect(try await server.get("/leaderboard?top=100&pass_gate_only=true").array.isEmpty)
        row.gateStatus = "pass"
        try store.upsert([row])
        #expect(try await server.get("/leaderboard?top=100&pass_gate_only=true").array.count == 1)
    }
}
