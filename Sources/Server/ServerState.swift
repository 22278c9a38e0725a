import Foundation
import Host
import PackKit

/// What every handler shares: the configuration, the loaded packs, the jobs, the metrics and
/// one open leaderboard (reads are frequent; one connection under a lock beats an open per request).
final class ServerState: Sendable {
    let configuration: ServerConfiguration
    let catalogue: PackCatalogue
    let jobs: JobManager
    let metrics: ServerMetrics
    let health = HealthCache()
    let leaderboardPages: LeaderboardPages
    let dashboard: DashboardAssets
    private let leaderboard: Locked<(any LeaderboardStore)?>

    init(configuration: ServerConfiguration, catalogue: PackCatalogue) throws {
        self.configuration = configuration
        self.catalogue = catalogue
        metrics = ServerMetrics()
        dashboard = try DashboardAssets.load()
        jobs = try JobManager(location: configuration.store, workspace: configuration.workspace, metrics: metrics)
        leaderboard = Locked(nil)
        leaderboardPages = LeaderboardPages(location: configuration.store)
    }

    var workspace: Workspace { configuration.workspace }
    var registry: Registry { configuration.registry }

    /// A stored model resolved against the packs; 404 when there is no such model.
    func context(_ model: String) throws -> ModelContext {
        try ModelID.check(model)
        guard FileManager.default.fileExists(atPath: try workspace.modelFile(model)) else {
            throw Problem(.notFound, code: "no-model", "no model '\(model)' in the workspace; create it with POST /models", object: model)
        }
        return try ModelContext(workspace: workspace, catalogue: catalogue, model: model)
    }

    /// Runs `body` with the open leaderboard, opening it on first use (and again after an error).
    func withLeaderboard<T>(_ body: (any LeaderboardStore) throws -> T) throws -> T {
        try leaderboard.withLock { store in
            do {
                let open = try store ?? configuration.store.open()
                store = open
                return try body(open)
            } catch {
                store = nil
                throw error
            }
        }
    }
}

/// A value behind a lock, for the few things handlers on several threads share.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
