import Foundation
import Hummingbird
import Logging
import NIOCore

/// The server benchmark's peer: a bare Hummingbird application on the same event loops, with
/// one route answering a fixed body and no middleware. `wrk` against it in the same run as
/// against `edgehost serve` shows what the framework costs on this machine, so `/healthz`'s
/// figure is read against a ceiling rather than alone.
public enum PeerServer {
    public static func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let body = ByteBuffer(string: "{\"status\":\"ok\"}\n")
        let router = Router()
        router.get("/hello") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        }
        var logger = Logger(label: "edgehost.peer")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "peer"),
                              onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }
}
