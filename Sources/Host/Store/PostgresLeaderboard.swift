import Foundation

/// The leaderboard on a PostgreSQL server, shared by every machine that points at it. Same
/// table, upsert and ordering as SQLite (`LeaderboardSQL`); reals are DOUBLE PRECISION, NaN is NULL.
public final class PostgresLeaderboard: LeaderboardStore {
    /// The schema's history, oldest first: version n is the first n applied. Append, never edit.
    static let migrations: [String] = [
        LeaderboardSQL.createTable(.postgres),
    ]

    /// Serialises migrations between processes that open the same database at once.
    static let migrationLock: Int64 = 0x6564_6765_686F_7374  // "edgehost"

    private let connection: PostgresConnection

    /// The server and database, without the password, for messages.
    public var location: String { connection.location }

    /// Connects to `url` (`postgres://user:password@host:port/database`) and brings the schema
    /// up to date, creating the table on first use.
    public init(url: String) throws {
        let connection = try PostgresConnection(url: url)
        // DB_SCHEMA's tables live in their schema (`DatabaseEnvironment`): it must exist first.
        if let schema = DatabaseEnvironment.schema(in: url) { try connection.execute("CREATE SCHEMA IF NOT EXISTS \"\(schema)\"") }
        try connection.transaction {
            // Held until the transaction ends: a second process waits here, then finds the work done.
            try connection.run("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock)])
            try connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
            let found = try connection.rows("SELECT COALESCE(MAX(version), 0) FROM schema_version").first?.int(0) ?? 0
            guard found <= Self.migrations.count else {
                throw StoreError(connection.location, "open", "the leaderboard has schema version \(found), newer than this edgehost's \(Self.migrations.count); upgrade edgehost")
            }
            for (index, migration) in Self.migrations.enumerated().dropFirst(Int(found)) {
                try connection.execute(migration)
                try connection.run("INSERT INTO schema_version (version) VALUES ($1)", [.integer(Int64(index + 1))])
            }
        }
        self.connection = connection
    }

    public func upsert(_ rows: [LeaderboardRow]) throws {
        guard !rows.isEmpty else { return }
        let sql = LeaderboardSQL.upsert(.postgres)
        try connection.transaction {
            for row in rows { try connection.run(sql, LeaderboardSQL.values(of: row)) }
        }
    }

    public func rows(model: String?) throws -> [LeaderboardRow] {
        try select(model: model, metric: nil, limit: nil)
    }

    public func top(model: String?, metric: LeaderboardMetric, limit: Int) throws -> [LeaderboardRow] {
        try select(model: model, metric: metric, limit: limit)
    }

    public func count() throws -> Int {
        Int(try connection.rows(LeaderboardSQL.count).first?.int(0) ?? 0)
    }

    private func select(model: String?, metric: LeaderboardMetric?, limit: Int?) throws -> [LeaderboardRow] {
        let query = LeaderboardSQL.select(.postgres, model: model, metric: metric, limit: limit)
        return try connection.rows(query.sql, query.values).map(LeaderboardSQL.row)
    }
}
