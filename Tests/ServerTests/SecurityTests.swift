import EdgehostServer
import Foundation
import Host
import Testing

/// The security items: loopback unless a token, the token on mutating requests, ids
/// that cannot leave the workspace, the body limit, problem+json with the CLI's codes.
@Suite struct SecurityTests {
    @Test func aNonLoopbackBindWithoutATokenRefusesToStart() throws {
        let workspace = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-sec-\(UUID().uuidString)").path)
        let open = try ServerConfiguration(host: "0.0.0.0", port: 0, workspace: workspace, registry: Registry(root: workspace.path("registry")), environment: [:])
        #expect { try open.check() } throws: { error in
            let e = EdgehostError(error)
            return e.code == "token-required" && e.exit == .usage && e.message.contains("EDGEHOST_API_TOKEN")
        }
        let withToken = try ServerConfiguration(host: "0.0.0.0", port: 0, workspace: workspace, registry: Registry(root: workspace.path("registry")),
                                                token: "s3cret-token", environment: [:])
        try withToken.check()
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1"] { #expect(ServerConfiguration.isLoopback(host), "\(host)") }
        for host in ["0.0.0.0", "10.0.0.1", "::", "example.com"] { #expect(!ServerConfiguration.isLoopback(host), "\(host)") }
    }

    @Test func mutatingRequestsNeedTheTokenAndReadsDoNot() async throws {
        let token = "s3cret-token-\(UUID().uuidString)"
        let server = try await TestServer.start(token: token)
        defer { Task { await server.stop() } }
        let body: [String: Any] = ["pack_id": "zeroedge", "ticker": "SPY", "asset_type": "opt", "horizon": "0dte", "cadence": "hourly",
                                   "indicator_set_name": "zeroedge_pin_drift_v1"]
        let none = try await server.post("/models", body)
        #expect(none.status == 401 && none.header("WWW-Authenticate") == "Bearer", "\(none.text)")
        #expect(none.object["code"] as? String == "unauthorized")
        #expect(try await server.post("/models", body, token: "wrong").status == 401)
        #expect(try await server.post("/models", body, token: String(token.dropLast())).status == 401)
        #expect(try await server.post("/models", body, token: token).status == 201)
        #expect(try await server.request("DELETE", "/jobs/job-1-a").status == 401)
        #expect(try await server.get("/models").status == 200)
        // The token never comes back: not in any response, not in the metrics.
        for path in ["/models", "/healthz", "/metrics", "/openapi.json", "/jobs"] {
            #expect(!(try await server.get(path).text.contains(token)), "\(path)")
        }
    }

    @Test func idsThatCouldLeaveTheWorkspaceAre400() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        for path in ["/models/..%2Fx", "/models/..%2F..%2Fetc%2Fpasswd/report", "/models/.hidden", "/models/x/plots/..%2Fsecret.svg",
                     "/jobs/..%2Fx", "/registry/versions/..%2Fx@v1", "/leaderboard?model=../x", "/registry/models/..%2Fx/history"] {
            let reply = try await server.get(path)
            #expect(reply.status == 400, "\(path): \(reply.status) \(reply.text)")
            #expect(reply.header("Content-Type") == "application/problem+json", "\(path)")
        }
        for route in ["/train", "/backtest", "/build_matrix", "/preview_matrix", "/backtest_sweep"] {
            let reply = try await server.post(route, ["model_id": "../x"])
            #expect(reply.status == 400, "\(route): \(reply.text)")
            // The CLI's code and exit class for bad input.
            #expect(reply.object["code"] as? String == "bad-input" && reply.object["exit"] as? Int == 65, "\(route): \(reply.text)")
        }
        let traversal = try await server.post("/models", ["pack_id": "zeroedge", "model_id": "../../x"])
        #expect(traversal.status == 400, "\(traversal.text)")
        #expect(!FileManager.default.fileExists(atPath: "\(server.workspace)/../x.json"))
    }

    @Test func aBodyOverTenMegabytesIs413() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let big = Data(repeating: UInt8(ascii: " "), count: ServerConfiguration.defaultMaxBodyBytes + 1)
        let reply = try await server.request("POST", "/models", body: big)
        #expect(reply.status == 413, "\(reply.status) \(reply.text.prefix(200))")
        #expect(reply.object["code"] as? String == "body-too-large")
        // Just under the limit is read (and refused for what it says, not its size).
        let fits = try await server.request("POST", "/models", body: Data(repeating: UInt8(ascii: " "), count: 1 << 20))
        #expect(fits.status == 400, "\(fits.text)")
    }

    @Test func errorsAreProblemJSONWithTheCLIsCodes() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let unknown = try await server.post("/models", ["pack_id": "nopack"])
        #expect(unknown.status == 400 && unknown.header("Content-Type") == "application/problem+json", "\(unknown.text)")
        #expect(unknown.object["status"] as? Int == 400 && (unknown.object["detail"] as? String)?.contains("nopack") == true, "\(unknown.text)")
        let missing = try await server.post("/train", ["model_id": "nothere"])
        #expect(missing.status == 404 && missing.object["code"] as? String == "no-model", "\(missing.text)")
        let misspelt = try await server.post("/models", ["pack_id": "zeroedge", "tickr": "SPY"])
        #expect(misspelt.status == 400 && (misspelt.object["detail"] as? String)?.contains("tickr") == true, "\(misspelt.text)")
        let badJSON = try await server.request("POST", "/backtest", body: Data("{\"model_id\": ".utf8))
        #expect(badJSON.status == 400 && badJSON.object["code"] as? String == "bad-json", "\(badJSON.text)")
        let route = try await server.get("/nothing")
        #expect(route.status == 404 && route.object["code"] as? String == "not-found", "\(route.text)")
        let metric = try await server.get("/leaderboard?metric=nope")
        #expect(metric.status == 400 && (metric.object["detail"] as? String)?.contains("sharpe") == true, "\(metric.text)")
        let promote = try await server.post("/registry/promote", ["id": "m@v1", "to": "active"])
        #expect(promote.status == 400, "\(promote.text)")
    }
}
