import EdgehostServer
import Foundation
import Host
import Testing

/// A job's event stream follows it to its end; cancelling marks it cancelled at once; a finished
/// job cannot be cancelled any more; unknown jobs are 404.
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

        let rebuild = try await server.post("/build_matrix", ["model_id": "spy_opt_0dte_hourly", "start": "2024-01-02", "end": "2024-03-29"])
        let second = try #require(rebuild.object["job_id"] as? String)
        let cancelled = try await server.request("DELETE", "/jobs/\(second)")
        #expect(cancelled.status == 200 && cancelled.object["state"] as? String == "cancelled", "\(cancelled.text)")
        #expect(try await server.get("/jobs/\(second)").object["state"] as? String == "cancelled")
        // The cancelled stage still runs to its end, and the model stays busy (409) until it has;
        // waiting here also keeps its thread from outliving the test (and the packs it calls).
        var next = try await server.post("/build_matrix", ["model_id": "spy_opt_0dte_hourly", "start": "2024-01-02", "end": "2024-01-31"])
        let deadline = Date().addingTimeInterval(300)
        while next.status == 409 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            next = try await server.post("/build_matrix", ["model_id": "spy_opt_0dte_hourly", "start": "2024-01-02", "end": "2024-01-31"])
        }
        #expect(next.status == 202, "\(next.text)")
        if let third = next.object["job_id"] as? String { _ = try await server.wait(job: third) }
        #expect(try await server.get("/jobs/\(second)").object["state"] as? String == "cancelled", "a cancelled job's outcome is discarded")
        #expect(try await server.get("/jobs/job-1-ffff").status == 404)
        #expect(try await server.request("DELETE", "/jobs/job-1-ffff").status == 404)
    }
}
