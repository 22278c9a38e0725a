import EdgehostServer
import Foundation
import Host
import Testing

/// The runbook's curl sequence over HTTP, on the zeroedge pack's simulated data: create →
/// preview → build → train → backtest → leaderboard, then the report, the plots, the registry
/// and the jobs a restart still lists.
@Suite(.serialized) struct RunbookTests {
    static let model = "spy_opt_0dte_hourly"
    /// Half a year of simulated minutes: enough folds for the backtest, half the time of a full year.
    static let range = ["start": "2024-01-02", "end": "2024-06-28"]

    @Test func theRunbookSequenceRunsEndToEnd() async throws {
        let server = try await TestServer.start()
        let created = try await server.post("/models", ["pack_id": "zeroedge", "ticker": "SPY", "asset_type": "opt", "horizon": "0dte",
                                                        "cadence": "hourly", "indicator_set_name": "zeroedge_pin_drift_v1"])
        #expect(created.status == 201, "\(created.text)")
        #expect(created.object["model_id"] as? String == Self.model)
        #expect(created.header("Location") == "/models/\(Self.model)")
        // The same body again changes nothing.
        let again = try await server.post("/models", ["pack_id": "zeroedge", "ticker": "SPY", "asset_type": "opt", "horizon": "0dte",
                                                      "cadence": "hourly", "indicator_set_name": "zeroedge_pin_drift_v1"])
        #expect(again.status == 200 && again.object["created"] as? Bool == false, "\(again.text)")
        #expect(try await server.get("/models").array.map { $0["model_id"] as? String } == [Self.model])
        let shown = try await server.get("/models/\(Self.model)")
        #expect(shown.status == 200 && (shown.object["config_sha"] as? String)?.count == 64, "\(shown.text)")

        let preview = try await server.post("/preview_matrix", ["model_id": Self.model])
        #expect(preview.status == 200, "\(preview.text)")
        #expect(["pass", "warn"].contains(preview.object["status"] as? String), "\(preview.text)")
        #expect((preview.object["paths"] as? [String])?.last == "reports/preview_\(Self.model).json")

        let build = try await server.post("/build_matrix", ["model_id": Self.model].merging(Self.range) { a, _ in a })
        #expect(build.status == 202, "\(build.text)")
        let buildID = try #require(build.object["job_id"] as? String)
        #expect(build.header("Location") == "/jobs/\(buildID)")
        // One running job per model.
        let busy = try await server.post("/train", ["model_id": Self.model])
        #expect(busy.status == 409 && busy.header("Content-Type") == "application/problem+json", "\(busy.text)")
        let built = try await server.wait(job: buildID)
        #expect(built["state"] as? String == "succeeded", "\(built)")
        #expect((built["progress"] as? [String: Any])?["fraction"] as? Double == 1)
        let buildPaths = (built["result"] as? [String: Any])?["paths"] as? [String] ?? []
        #expect(buildPaths.contains { $0.hasSuffix("matrices/\(Self.model)/training_matrix_built.csv") }, "\(built)")

        let train = try await server.post("/train", ["model_id": Self.model, "risk_profile": "Balanced"])
        #expect(train.status == 202, "\(train.text)")
        let trained = try await server.wait(job: try #require(train.object["job_id"] as? String))
        #expect(trained["state"] as? String == "succeeded", "\(trained)")
        #expect(FileManager.default.fileExists(atPath: "\(server.workspace)/artifacts/\(Self.model)/balanced/model.json"))

        // Asked (and kept) before the backtest writes its rows: the next answer has them all the same.
        #expect(try await server.get("/leaderboard?model=\(Self.model)&top=100&metric=sharpe").array.isEmpty)
        let backtest = try await server.post("/backtest", ["model_id": Self.model, "thresholds": [0.55, 0.6], "splits": 3])
        #expect(backtest.status == 202, "\(backtest.text)")
        let tested = try await server.wait(job: try #require(backtest.object["job_id"] as? String))
        #expect(tested["state"] as? String == "succeeded", "\(tested)")
        #expect(((tested["progress"] as? [String: Any])?["stage"] as? String)?.isEmpty == false, "a backtest reports its stages: \(tested)")

        let board = try await server.get("/leaderboard?model=\(Self.model)&top=100&metric=sharpe")
        #expect(board.status == 200, "\(board.text)")
        // Two thresholds × every risk profile of the pack, each a row with its gate verdict.
        #expect(board.array.count >= 2, "\(board.text)")
        #expect(board.array.allSatisfy { $0["model_id"] as? String == Self.model && ["pass", "fail"].contains($0["gate_status"] as? String) })
        let sharpes = board.array.compactMap { $0["sharpe"] as? Double }
        #expect(sharpes == sharpes.sorted(by: >), "ranked by Sharpe, highest first")
        let passing = try await server.get("/leaderboard?pass_gate_only=true")
        #expect(passing.array.allSatisfy { $0["gate_status"] as? String == "pass" })
        #expect(try await server.get("/leaderboard?top=1").array.count == 1)

        let report = try await server.get("/models/\(Self.model)/report")
        #expect(report.status == 200 && report.object["gates"] != nil, "\(report.text.prefix(300))")
        for plot in ["equity", "drawdown", "hourly_pnl", "calibration", "importance"] {
            let svg = try await server.get("/models/\(Self.model)/plots/\(plot).svg")
            #expect(svg.status == 200 && svg.header("Content-Type") == "image/svg+xml" && svg.text.contains("<svg"), "\(plot): \(svg.status)")
        }
        #expect(try await server.get("/models/\(Self.model)/plots/nothing.svg").status == 404)

        // Jobs persist in the store: a new server on the same workspace lists all three.
        await server.stop()
        let restarted = try await TestServer.start(workspace: server.workspace)
        let jobs = try await restarted.get("/jobs").array
        #expect(Set(jobs.compactMap { $0["kind"] as? String }) == ["build_matrix", "train", "backtest"], "\(jobs)")
        #expect(jobs.allSatisfy { $0["state"] as? String == "succeeded" })
        await restarted.stop()
    }
}
