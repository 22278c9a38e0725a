import EdgehostServer
import Foundation
import Host
import Testing

/// A job's event stream follows it to its end; cancelling marks it cancelled at once and stops
/// its stage at the next check point; a finished job cannot be cancelled any more; unknown jobs are 404.
@Suite struct JobEventsTests {
    @Test func eventsStreamAJobToItsEndAndCancelMarksItCancelled() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let created = try await server.post("/models", ["pack_id": "zeroedge", "ticker": "SPY", "asset_type": "opt", "horizon": "0dte",
                                                        "cadence": "hourly", "indicator_set_name": "zeroedge_pin_drift_v1"])
        #expect(created.status == 201, "\(created.text)")
        let build = try await server.post("/build_matrix", ["model_id": "spy_opt_0dte_hourly", "start": "2024-01-02", "end": "2024-02-29"])
        let id = try #require(build.object["job_id"] as? String)
        // The stream ends when the job does: its last event is the finished job.
        let events = try await server.get("/jobs/\(id)/events")
        #expect(events.status == 200 && events.header("Content-Type") == "text/event-stream")
        let data = events.text.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }
        #expect(events.text.hasPrefix("event: job\n") && !data.isEmpty, "\(events.text.prefix(300))")
        let last = try #require(data.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any] })
        #expect(last["id"] as? String == id && last["state"] as? String == "succeeded", "\(last)")
        // Finished: DELETE leaves it as it is.
        let finished = try await server.request("DELETE", "/jobs/\(id)")
        #expect(finished.status == 200 && finished.object["state"] as? String == "succeeded")

        // A sweep of 2,520 configurations runs for many seconds: DELETE stops it mid-stage (between
        // boosting rounds, configurations or CSCV splits), within seconds, and it writes no report.
        let grid: [String: Any] = ["model_id": "spy_opt_0dte_hourly", "thresholds": (0..<40).map { 0.34 + 0.015 * Double($0) },
                                   "top_pct": [0.1, 0.2, 0.3], "tag": "cancelled"]
        let sweep = try await server.post("/backtest_sweep", grid)
        let second = try #require(sweep.object["job_id"] as? String, "\(sweep.text)")
        var stage = ""
        while stage.isEmpty {
            let job = try await server.get("/jobs/\(second)").object
            try #require(job["state"] as? String == "running", "\(job)")
            stage = (job["progress"] as? [String: Any])?["stage"] as? String ?? ""
        }
        let asked = Date()
        let cancelled = try await server.request("DELETE", "/jobs/\(second)")
        // On a loaded machine the DELETE can come after the sweep's last check point, or after it
        // returned: then it is refused (the job answers "running" or "succeeded") and the sweep
        // ends with its report, never both.
        if ["running", "succeeded"].contains(cancelled.object["state"] as? String ?? "") {
            #expect(try await server.wait(job: second)["state"] as? String == "succeeded")
            #expect(FileManager.default.fileExists(atPath: "\(server.workspace)/reports/sweep_spy_opt_0dte_hourly_cancelled.json"))
            return
        }
        #expect(cancelled.status == 200 && cancelled.object["state"] as? String == "cancelled", "\(cancelled.text)")
        // Its flow has returned once no job runs (the gauge drops when the model is free again).
        var running = true
        while running, Date().timeIntervalSince(asked) < 120 {
            running = try await server.get("/metrics").text.contains("\nedgehost_jobs_running 1")
            if running { try await Task.sleep(for: .milliseconds(20)) }
        }
        let waited = Date().timeIntervalSince(asked)
        // A bound, not a timing: the whole suite on 2 cores slows every check point (10 s was
        // exceeded there); a sweep that ignored the cancel would hold the model for minutes more.
        #expect(!running && waited < 60, "the sweep, cancelled in stage \(stage), ran \(waited) s more")
        #expect(!FileManager.default.fileExists(atPath: "\(server.workspace)/reports/sweep_spy_opt_0dte_hourly_cancelled.json"))
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: "\(server.workspace)/reports")) ?? []
        #expect(!reports.contains { $0.contains(".tmp-") }, "\(reports)")
        #expect(try await server.get("/jobs/\(second)").object["state"] as? String == "cancelled", "a cancelled job's outcome is discarded")
        // The model is free: a new job starts at once.
        let next = try await server.post("/train", ["model_id": "spy_opt_0dte_hourly"])
        #expect(next.status == 202, "\(next.text)")
        if let third = next.object["job_id"] as? String { #expect(try await server.wait(job: third)["state"] as? String == "succeeded") }
        #expect(try await server.get("/jobs/job-1-ffff").status == 404)
        #expect(try await server.request("DELETE", "/jobs/job-1-ffff").status == 404)
    }
}
