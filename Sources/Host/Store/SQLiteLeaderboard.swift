import Foundation

/// The leaderboard in an embedded SQLite file (`<workspace>/edgehost.sqlite`). Its SQL comes
/// from `LeaderboardSQL`, shared with PostgreSQL, so the backends agree.
public final class SQLiteLeaderboard: LeaderboardStore {
    /// Raised with a migration whenever the table changes; kept in `PRAGMA user_version`.
    static let schemaVersion: Int64 = 1

    private let database: SQLiteDatabase

    /// Opens the store at `path`, creating the file, its folder and the table when missing.
    public init(path: String) throws {
        let database = try SQLiteDatabase(path: path)
        try database.transaction {
            let found = try database.rows("PRAGMA user_version").first?.int(0) ?? 0
            guard found <= Self.schemaVersion else {
                throw StoreError(path, "open", "the leaderboard has schema version \(found), newer than this edgehost's \(Self.schemaVersion); upgrade edgehost")
            }
            try database.execute(LeaderboardSQL.createTable(.sqlite))
            if found < Self.schemaVersion { try database.execute("PRAGMA user_version = \(Self.schemaVersion)") }
        }
        self.database = database
    }

    public func upsert(_ rows: [LeaderboardRow]) throws {
        guard !rows.isEmpty else { return }
        try database.transaction {
            let statement = try database.prepare(LeaderboardSQL.upsert(.sqlite))
            for row in rows { try statement.run(LeaderboardSQL.values(of: row)) }
        }
    }

    public func rows(model: String?) throws -> [LeaderboardRow] {
        try select(model: model, metric: nil, limit: nil)
    }

    public func top(model: String?, metric: LeaderboardMetric, limit: Int) throws -> [LeaderboardRow] {
        try select(model: model, metric: metric, limit: limit)
    }

    public func count() throws -> Int {
        Int(try database.rows(LeaderboardSQL.count).first?.int(0) ?? 0)
    }

    private func select(model: String?, metric: LeaderboardMetric?, limit: Int?) throws -> [LeaderboardRow] {
        let query = LeaderboardSQL.select(.sqlite, model: model, metric: metric, limit: limit)
        return try database.rows(query.sql, query.values).map(LeaderboardSQL.row)
    }
}
