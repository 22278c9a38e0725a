import ArgumentParser
import EdgehostServer
import Foundation
import Host

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP API (runbook calls, jobs, registry, OpenAPI, Prometheus metrics) on 127.0.0.1:8001.",
        discussion: """
            Binds 127.0.0.1 unless --host says otherwise; any non-loopback address needs EDGEHOST_API_TOKEN, and with a \
            token set every request that changes something needs `Authorization: Bearer <token>`. Builds, training, \
            backtests and sweeps run as jobs kept in the store (SQLite in the workspace, or PostgreSQL with --db, \
            EDGEHOST_DB or the DB_* variables). SIGINT or SIGTERM stops it gracefully: running jobs are marked interrupted.

            Example:
              edgehost serve --port 8001 &
              curl -s http://127.0.0.1:8001/healthz
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one, printed at start).") var port = ServerConfiguration.defaultPort
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        EdgehostServer.runConcurrencyOnEventLoops()
        let configuration = try ServerConfiguration(host: host, port: port, workspace: ws.resolved, registry: Registry.resolve(registry),
                                                    db: store.db, token: ProcessInfo.processInfo.environment["EDGEHOST_API_TOKEN"])
        let server = try EdgehostServer(configuration: configuration, catalogue: try global.catalogue())
        let host = self.host
        try waitFor {
            try await server.run { port in
                // Unbuffered: scripts wait for this line to learn the port.
                FileHandle.standardOutput.write(Data("edgehost serve: listening on http://\(host):\(port) (workspace \(configuration.workspace.root), store \(configuration.store))\n".utf8))
            }
        }
    }
}

struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The server's /healthz, computed here: adapters (simulated or not probed), the store, the registry.",
        discussion: "Exits 69 when the store cannot be reached or the registry has problems.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let location = try LeaderboardStores.location(store.db, workspace: ws.resolved)
        let report = HealthReport(catalogue: try global.catalogue(), store: location, registry: Registry.resolve(registry))
        print(report.json.prettyText, terminator: "")
        if !report.ok { throw EdgehostError(code: "unhealthy", "health: \(report.json["status"]?.stringValue ?? "degraded")", exit: .unavailable) }
    }
}

/// Runs async `body` to its end from the synchronous command line (`Edgehost.main` is synchronous).
func waitFor(_ body: @escaping @Sendable () async throws -> Void) throws {
    let outcome = Locked<Result<Void, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result = await Result(catching: body)
        outcome.set(result)
        done.signal()
    }
    done.wait()
    try outcome.get()?.get()
}

/// A value written by one thread and read by another after a semaphore.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func set(_ new: Value) { lock.lock(); value = new; lock.unlock() }
    func get() -> Value { lock.lock(); defer { lock.unlock() }; return value }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
