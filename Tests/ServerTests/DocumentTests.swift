import EdgehostServer
import Foundation
import Host
import Testing

/// `/openapi.json` names exactly the router's routes; `/metrics` is valid Prometheus text
/// (checked with promtool when installed: `scripts/install-deps.sh test` installs it).
@Suite struct DocumentTests {
    @Test func theOpenAPIDocumentAndTheRouterHaveTheSameRoutes() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/openapi.json")
        #expect(reply.status == 200)
        #expect(reply.object["openapi"] as? String == "3.1.0")
        let paths = try #require(reply.object["paths"] as? [String: [String: Any]])
        let documented = paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } }.sorted()
        #expect(documented == server.server.routes(), "documented only: \(Set(documented).subtracting(server.server.routes())), routed only: \(Set(server.server.routes()).subtracting(documented))")
    }

    @Test func healthReportsTheStoreAndTheSimulatedAdapter() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let health = try await server.get("/healthz")
        #expect(health.status == 200, "\(health.text)")
        #expect(health.object["status"] as? String == "ok")
        let store = try #require(health.object["store"] as? [String: Any])
        #expect(store["backend"] as? String == "sqlite" && store["status"] as? String == "ok" && store["leaderboard_rows"] as? Int == 0)
        let adapters = health.object["adapters"] as? [[String: Any]] ?? []
        #expect(adapters.contains { $0["pack"] as? String == "zeroedge" && $0["id"] as? String == "sim" && $0["status"] as? String == "simulated" }, "\(adapters)")
        #expect((health.object["registry"] as? [String: Any])?["status"] as? String == "absent")
    }

    @Test func metricsCountRequestsByRouteAndPassPromtool() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        _ = try await server.get("/healthz")
        _ = try await server.get("/models/nothere")
        _ = try await server.get("/models/nothere")
        let metrics = try await server.get("/metrics")
        #expect(metrics.status == 200 && metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        let text = metrics.text
        #expect(text.contains(#"edgehost_http_requests_total{route="/models/{id}",method="GET",status="404"} 2"#), "\(text)")
        #expect(text.contains(#"edgehost_http_requests_total{route="/healthz",method="GET",status="200"} 1"#))
        #expect(text.contains("edgehost_http_request_duration_seconds_bucket{"))
        for name in ["model_active_id", "model_shadow_id", "shadow_signals_evaluated_total", "shadow_signals_approved_total",
                     "canary_fraction_realized", "rollback_total", "mode_switch_total", "psi_feature", "ks_feature",
                     "data_freshness_seconds", "scoring_latency_seconds", "stream_lag_seconds", "capture_reconnects", "kill_switch_state",
                     "edgehost_jobs_running"] {
            #expect(text.contains("# TYPE \(name) "), "\(name) missing")
        }
        try Self.promtool(text)
    }

    /// The live monitor's state, a drift report and a kill-switch status in the workspace become
    /// their series at the next scrape (`LiveMetrics`), and the whole text still passes promtool.
    @Test func metricsReadTheMonitorsFiles() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let files: [(String, String)] = [
            ("live_data/m1/live_state.json", #"{"model":"m1","health":{"symbol":"SPX","data_freshness_seconds":12.5,"scoring_latency_ms":3,"stream_lag_seconds":12.5,"capture_reconnects":2,"capture_retries":1,"capture_queue_depth":0,"capture_flush_age_seconds":0.4},"counters":{"shadow_signals_evaluated_total":6,"shadow_signals_approved_total":2,"canary_fraction_realized":0.25}}"#),
            ("runs/r1/drift/BTCUSDT.json", #"{"drifted":true,"features":[{"feature":"ret_1","psi":0.42,"ks":0.25},{"feature":"vol","psi":0.01,"ks":null}]}"#),
            ("runs/r1/kill_switch_status.json", #"{"run_id":"r1","symbol":"BTCUSDT","status":"HALT"}"#),
            ("runs/r2/kill_switch_status.json", "{not json"),
        ]
        for (path, text) in files {
            let full = "\(server.workspace)/\(path)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        let text = try await server.get("/metrics").text
        for line in [#"data_freshness_seconds{model="m1",symbol="SPX"} 12.5"#, #"scoring_latency_seconds{model="m1"} 0.003"#,
                     #"psi_feature{run="r1",symbol="BTCUSDT",feature="ret_1"} 0.42"#, #"ks_feature{run="r1",symbol="BTCUSDT",feature="ret_1"} 0.25"#,
                     #"psi_feature{run="r1",symbol="BTCUSDT",feature="vol"} 0.01"#, #"kill_switch_state{run="r1",symbol="BTCUSDT"} 2"#,
                     #"shadow_signals_evaluated_total{model="m1"} 6"#, #"shadow_signals_approved_total{model="m1"} 2"#,
                     #"canary_fraction_realized{model="m1"} 0.25"#, #"stream_lag_seconds{model="m1",symbol="SPX"} 12.5"#,
                     #"capture_reconnects{model="m1",symbol="SPX"} 2"#, #"capture_retries{model="m1",symbol="SPX"} 1"#,
                     #"capture_queue_depth{model="m1",symbol="SPX"} 0"#, #"capture_flush_age_seconds{model="m1",symbol="SPX"} 0.4"#] {
            #expect(text.contains(line + "\n"), "\(line) missing from:\n\(text)")
        }
        #expect(!text.contains(#"ks_feature{run="r1",symbol="BTCUSDT",feature="vol"}"#) && !text.contains(#"run="r2""#))
        try Self.promtool(text)
    }

    static func promtool(_ text: String) throws {
        guard let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("promtool not installed: run `sh scripts/install-deps.sh test`")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool: \(said)")
    }
}
