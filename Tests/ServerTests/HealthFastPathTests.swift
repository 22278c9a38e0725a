import Foundation
import Testing

/// `/healthz` answered on the event loop (`HealthFastPath`) is the routed answer byte for byte,
/// is counted like it, and never overtakes an earlier request on the same connection.
@Suite struct HealthFastPathTests {
    @Test func theKeptAnswerIsTheRoutedOneAndIsCounted() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let routed = try await server.get("/healthz")  // computes and keeps the answer
        let kept = try await server.get("/healthz")    // within its second: from the event loop
        #expect(routed.status == 200 && kept.status == 200)
        #expect(kept.text == routed.text)
        for name in ["Content-Type", "Content-Length", "Server"] { #expect(kept.header(name) == routed.header(name), "\(name)") }
        #expect(kept.header("Date") != nil)
        let metrics = try await server.get("/metrics").text
        #expect(metrics.contains(#"edgehost_http_requests_total{route="/healthz",method="GET",status="200"} 2"#), "\(metrics)")
    }

    /// Two requests in one write: `/metrics` (through the router) then `/healthz` (kept). The
    /// answers come back in request order.
    @Test func aPipelinedHealthCheckWaitsForTheRequestBeforeIt() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        _ = try await server.get("/healthz")
        let raw = try server.raw( "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
                                    until: "\"version\"")
        let metrics = try #require(raw.range(of: "text/plain")), health = try #require(raw.range(of: "\"adapters\""))
        #expect(raw.hasPrefix("HTTP/1.1 200"))
        #expect(metrics.lowerBound < health.lowerBound, "\(raw.prefix(400))")
        #expect(raw.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
    }
}
