import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard's files and the JSON only it reads (README "Dashboard"): every file in
/// `Sources/Server/Resources/dashboard` is served with its type and cache headers, nothing else
/// is, and the live state, registry and training-override routes answer as documented.
@Suite struct DashboardTests {
    static let folder = "\(TestServer.repoRoot)/Sources/Server/Resources/dashboard"
    static let types = ["html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
                        "css": "text/css; charset=utf-8", "svg": "image/svg+xml"]

    @Test func everyAssetIsServedWithItsTypeAndRevalidates() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).sorted()
        #expect(names.contains("index.html") && names.contains("app.js") && names.contains("style.css"), "\(names)")
        for name in names {
            let reply = try await server.get("/ui/\(name)")
            let type = try #require(Self.types[(name as NSString).pathExtension], "\(name): a file of a type the server does not serve")
            #expect(reply.status == 200 && reply.header("Content-Type") == type, "\(name): \(reply.status) \(reply.header("Content-Type") ?? "")")
            #expect(reply.body == FileManager.default.contents(atPath: "\(Self.folder)/\(name)"), "\(name): served bytes differ from the file")
            #expect(reply.header("Cache-Control") == "no-cache" && reply.header("X-Content-Type-Options") == "nosniff")
            let etag = try #require(reply.header("ETag"))
            let again = try await server.request("GET", "/ui/\(name)", headers: ["If-None-Match": etag])
            #expect(again.status == 304 && again.body.isEmpty, "\(name): \(again.status)")
        }
        let page = try await server.get("/")
        #expect(page.status == 200 && page.header("Content-Type") == "text/html; charset=utf-8" && page.text.contains(#"<script type="module" src="/ui/app.js">"#))
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
        // Every script the page loads is one of ours: no CDN.
        for name in names where name.hasSuffix(".js") || name.hasSuffix(".html") || name.hasSuffix(".css") {
            let text = try String(contentsOfFile: "\(Self.folder)/\(name)", encoding: .utf8)
            #expect(!text.contains("http://") && !text.contains("https://"), "\(name) names another origin")
        }
    }

    @Test func pathsOutsideTheDashboardAreRefused() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        // As sent, not normalised by a client: `..` reaches the server and is refused there.
        for path in ["/ui/..", "/ui/../openapi.json", "/ui/../../etc/passwd"] {
            let status = try Self.rawStatus(server, path: path)
            #expect(status == "400" || status == "404", "\(path): \(status)")
        }
        #expect(try Self.rawStatus(server, path: "/ui/..") == "400")
        for path in ["/ui/%2e%2e", "/ui/.hidden", "/ui/..%2Fopenapi.json", "/ui/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"] {
            let reply = try await server.get(path)
            #expect(reply.status == 400 && reply.header("Content-Type") == "application/problem+json", "\(path): \(reply.status) \(reply.text)")
        }
        for path in ["/ui/nothere.js", "/ui/openapi.json", "/ui/a/b.js"] {
            let reply = try await server.get(path)
            #expect(reply.status == 404 && reply.header("Content-Type") == "application/problem+json", "\(path): \(reply.status)")
        }
    }

    /// The status code of a GET of `path` sent byte for byte over a socket (URLSession would remove dot segments).
    static func rawStatus(_ server: TestServer, path: String) throws -> String {
        let response = try server.raw("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        // "HTTP/1.1 400 Bad Request" → "400"
        return response.split(separator: " ").dropFirst().first.map(String.init) ?? ""
    }

    @Test func liveStateIsServedWhenTheMonitorWroteIt() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let model = "spy_opt_0dte_hourly"
        let absent = try await server.get("/models/\(model)/live")
        #expect(absent.status == 404 && absent.object["code"] as? String == "not-live", "\(absent.text)")
        #expect(try await server.get("/live").array.isEmpty)
        #expect(try await server.get("/models/..x/live").status == 400)

        let folder = "\(server.workspace)/live_data/\(model)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let state = #"{"model": "spy_opt_0dte_hourly", "updated_at": "2026-12-04T15:00:05Z", "health": {"stream_status": "ok", "data_freshness_seconds": 4, "scoring_latency_ms": 12, "stream_lag_seconds": 0.5}, "decisions": [{"key": "a1", "decision_ts": "2026-12-04T15:00:00Z", "probability": 0.61, "policy_status": "pass", "policy_reason": "cleared", "stale_flag": false}]}"#
        try Data(state.utf8).write(to: URL(fileURLWithPath: "\(folder)/live_state.json"))
        let live = try await server.get("/models/\(model)/live")
        #expect(live.status == 200, "\(live.text)")
        #expect((live.object["health"] as? [String: Any])?["scoring_latency_ms"] as? Int == 12)
        #expect((live.object["decisions"] as? [[String: Any]])?.first?["key"] as? String == "a1")
        let listed = try await server.get("/live").array
        #expect(listed.count == 1 && listed[0]["model_id"] as? String == model && listed[0]["stream_status"] as? String == "ok", "\(listed)")

        // Half a file (a monitor that does not write whole): 503, to be retried.
        try Data(state.prefix(40).utf8).write(to: URL(fileURLWithPath: "\(folder)/live_state.json"))
        let torn = try await server.get("/models/\(model)/live")
        #expect(torn.status == 503 && torn.object["code"] as? String == "live-state-unreadable" && torn.header("Retry-After") == "2", "\(torn.text)")
    }

    @Test func registryRoutesAndTheTrainingOverride() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.get("/registry/models").array.isEmpty)
        #expect(try await server.get("/registry/ledger").array.isEmpty)
        #expect(try await server.get("/models/nothere/profile").status == 404)

        let created = try await server.post("/models", ["pack_id": "zeroedge", "ticker": "SPY", "asset_type": "opt", "horizon": "0dte",
                                                        "cadence": "hourly", "indicator_set_name": "zeroedge_pin_drift_v1"])
        #expect(created.status == 201, "\(created.text)")
        let model = "spy_opt_0dte_hourly"
        let untagged = try await server.post("/train", ["model_id": model, "gate_override": true])
        #expect(untagged.status == 400 && untagged.text.contains("'gate_override' needs a 'tag'"), "\(untagged.text)")
        let badTag = try await server.post("/train", ["model_id": model, "gate_override": true, "tag": "../x"])
        #expect(badTag.status == 400 && badTag.text.contains("tag"), "\(badTag.text)")
    }
}
