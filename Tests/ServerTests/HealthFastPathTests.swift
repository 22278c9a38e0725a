import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

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
        let raw = try Self.exchange(port: server.port, "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
                                    until: "\"version\"")
        let metrics = try #require(raw.range(of: "text/plain")), health = try #require(raw.range(of: "\"adapters\""))
        #expect(raw.hasPrefix("HTTP/1.1 200"))
        #expect(metrics.lowerBound < health.lowerBound, "\(raw.prefix(400))")
        #expect(raw.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
    }

    /// Writes `request` on a new connection and reads until `marker` has arrived (a silent
    /// connection fails after 120 s: a whole parallel test run can keep the server busy for long).
    static func exchange(port: Int, _ request: String, until marker: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { break }
            received += chunk[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
