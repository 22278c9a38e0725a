import Foundation
import Host
import NIOCore

/// `GET /leaderboard`'s answers, kept per query while the store is unchanged. Dashboards poll it
/// and each answer reads and serialises up to thousands of rows; between two backtests the
/// answer is the same bytes. "Unchanged" is SQLite's `PRAGMA data_version` on a connection of
/// our own, which moves on every commit by any other connection (the jobs' stages, the CLI,
/// another process), so a write is visible on the next request, never a moment later. This
/// server never writes through that connection. PostgreSQL has no such cheap check: there every
/// request reads the store.
final class LeaderboardPages: Sendable {
    /// Distinct queries kept; past it the cache starts over (the queries are few in practice).
    static let capacity = 256
    private let location: StoreLocation
    /// The connection asked for the version; nil until first use, and again after an error.
    private let watcher = Locked<SQLiteLeaderboard?>(nil)
    private let pages = Locked<[String: (version: Int64, body: ByteBuffer)]>([:])

    init(location: StoreLocation) { self.location = location }

    /// The answer for `key` (the normalised query): the kept one while the store is unchanged,
    /// else `compute()`'s, run off the event loop.
    func page(_ key: String, compute: @escaping @Sendable () throws -> [UInt8]) async throws -> ByteBuffer {
        // Read before computing: a commit racing the computation moves the version past the one
        // kept with the page, so the next request recomputes.
        let version = currentVersion()
        if let version, let kept = pages.withLock({ $0[key] }), kept.version == version { return kept.body }
        let body = ByteBuffer(bytes: try await blocking(compute))
        if let version {
            pages.withLock { pages in
                if pages.count >= Self.capacity { pages.removeAll(keepingCapacity: true) }
                pages[key] = (version, body)
            }
        }
        return body
    }

    /// The store's version, or nil when it cannot be had cheaply (PostgreSQL, or a failed open:
    /// then the request reads the store and reports its error).
    private func currentVersion() -> Int64? {
        guard case .sqlite(let path) = location else { return nil }
        return watcher.withLock { watcher in
            do {
                let open = try watcher ?? SQLiteLeaderboard(path: path)
                watcher = open
                return try open.dataVersion()
            } catch {
                watcher = nil
                return nil
            }
        }
    }
}
