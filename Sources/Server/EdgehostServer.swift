import Foundation
import Host
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// `edgehost serve`: the runbook's HTTP API over the host's flows (README "Server"). Handlers
/// only translate HTTP to `Host` calls and back.
public struct EdgehostServer: Sendable {
    public let configuration: ServerConfiguration
    let state: ServerState

    /// Checks the configuration (loopback or a token), opens the store's jobs table (marking jobs
    /// a previous process left running as interrupted).
    public init(configuration: ServerConfiguration, catalogue: PackCatalogue) throws {
        try configuration.check()
        self.configuration = configuration
        state = try ServerState(configuration: configuration, catalogue: catalogue)
    }

    /// The routes, behind the metrics, problem and token middlewares.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware(metrics: state.metrics))
        router.add(middleware: ProblemMiddleware())
        if let token = configuration.token { router.add(middleware: TokenMiddleware(token: token)) }
        ModelRoutes.add(to: router, state: state)
        StageRoutes.add(to: router, state: state)
        JobRoutes.add(to: router, state: state)
        LeaderboardRoutes.add(to: router, state: state)
        RegistryRoutes.add(to: router, state: state)
        MetaRoutes.add(to: router, state: state)
        DashboardRoutes.add(to: router, state: state)
        DashboardDataRoutes.add(to: router, state: state)
        return router
    }

    /// Makes the server's event loops run Swift concurrency's jobs too, before any task starts
    /// (main thread, once per process; the `serve` command only, never a test process). Each
    /// request otherwise hops from its event loop to the cooperative pool and back: on 2 cores
    /// that hop was the largest cost of a `/healthz`. Blocking work never runs on these threads:
    /// jobs have their own threads and stages go through `blocking` (Dispatch).
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    static let serverName = "edgehost"

    /// Every route as `METHOD /path/{param}`, for the OpenAPI check.
    public func routes() -> [String] {
        router().routes.map { "\($0.method.rawValue) \($0.path.description)" }.sorted()
    }

    /// Serves until SIGINT or SIGTERM (or the task is cancelled), then marks running jobs
    /// interrupted. `onRunning` gets the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "edgehost.server")
        logger.logLevel = .warning
        let (health, metrics) = (state.health, state.metrics)
        let app = Application(router: router(),
                              server: .http1(configuration: .init(additionalChannelHandlers: [
                                  HealthFastPath(cache: health, metrics: metrics, serverName: Self.serverName)])),
                              configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: Self.serverName),
                              services: [JobShutdownService(jobs: state.jobs)],
                              onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
                              logger: logger)
        try await app.runService()
    }
}

/// Waits for graceful shutdown, then marks running jobs interrupted before the process ends.
struct JobShutdownService: Service {
    let jobs: JobManager

    func run() async throws {
        try? await gracefulShutdown()
        await jobs.shutdown()
    }
}
