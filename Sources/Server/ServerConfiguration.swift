import Foundation
import Host

/// What `edgehost serve` was asked for: where to listen, which workspace, registry and store,
/// and the API token. `check()` refuses what is unsafe before anything listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var workspace: Workspace
    public var registry: Registry
    /// `--db` as given (nil: `EDGEHOST_DB`, the `DB_*` variables, else the workspace's SQLite); stages resolve it alike.
    public var db: String?
    /// Where the leaderboard and the jobs live.
    public var store: StoreLocation
    /// `EDGEHOST_API_TOKEN`: required to bind beyond loopback; when set, every mutating request needs it.
    public var token: String?
    /// Request bodies larger than this get 413 (README "Server").
    public var maxBodyBytes: Int

    public static let defaultPort = 8001
    public static let defaultMaxBodyBytes = 10 << 20

    public init(host: String = "127.0.0.1", port: Int = ServerConfiguration.defaultPort, workspace: Workspace, registry: Registry,
                db: String? = nil, token: String? = nil, maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.host = host
        self.port = port
        self.workspace = workspace
        self.registry = registry
        self.db = db
        store = try LeaderboardStores.location(db, workspace: workspace, environment: environment)
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.maxBodyBytes = maxBodyBytes
    }

    /// Loopback names and addresses: 127.0.0.0/8, ::1, localhost.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Refuses a port outside 0…65535 (0 picks a free one) and a non-loopback bind without a token.
    public func check() throws {
        guard (0...65_535).contains(port) else {
            throw EdgehostError(code: "usage", object: "--port", "port \(port) is out of range: use 1–65535 (0 picks a free port)", exit: .usage)
        }
        if !Self.isLoopback(host) && token == nil {
            throw EdgehostError(code: "token-required", object: "--host \(host)",
                                "binding beyond loopback needs an API token: set EDGEHOST_API_TOKEN (clients send `Authorization: Bearer <token>`)",
                                exit: .usage)
        }
    }
}
