import Foundation

/// The leaderboard in an embedded SQLite file (`<workspace>/edgehost.sqlite`). Its SQL comes
/// from `LeaderboardSQL`, shared with PostgreSQL, so the backends agree.
public final class SQLiteLeaderboard: LeaderboardStore {
    /// Raised with a migration whenever the table changes; kept in `PRAGMA user_version`.
    static let schemaVersion: Int64 = 1

    private let database: SQLiteDatabase

    /// Marks our files (`PRAGMA application_id`, "EDGH"), so another program's database is
    /// recognised and left alone.
    static let applicationID: Int64 = 0x4544_4748

    /// Opens the store at `path`, creating the file, its folder and the table when missing.
    /// Before anything is written: a file of another program (another application_id, or
    /// tables but no leaderboard) is refused untouched, and a damaged one fails its integrity
    /// check, so a command fails before its work rather than after.
    public init(path: String) throws {
        let database = try SQLiteDatabase(path: path)
        // The first read of the file: where a file that is not a database is found out.
        let id = try database.rows("PRAGMA application_id").first?.int(0) ?? 0
        let tables = try database.rows("SELECT name FROM sqlite_master WHERE type = 'table'").map { $0.string(0) }
        guard id == Self.applicationID || (id == 0 && (tables.isEmpty || tables.contains("leaderboard"))) else {
            throw StoreError(path, "open", "not an edgehost database (application_id \(id), tables: \(tables.prefix(5).joined(separator: ", "))); "
                             + "left untouched: give another --db path")
        }
        let check = try database.rows("PRAGMA quick_check").map { $0.string(0) }
        guard check == ["ok"] else {
            throw StoreError(path, "open", "the database is damaged (\(check.prefix(3).joined(separator: "; "))); restore it or move it away")
        }
        try database.useWriteAheadLog()
        if id == 0 { try database.execute("PRAGMA application_id = \(Self.applicationID)") }
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

    /// `PRAGMA data_version`: changes whenever another connection (of this process or another)
    /// commits to the file, so a reader can tell cheaply whether what it read is still current.
    public func dataVersion() throws -> Int64 {
        try database.rows("PRAGMA data_version").first?.int(0) ?? 0
    }

    private func select(model: String?, metric: LeaderboardMetric?, limit: Int?) throws -> [LeaderboardRow] {
        let query = LeaderboardSQL.select(.sqlite, model: model, metric: metric, limit: limit)
        return try database.rows(query.sql, query.values).map(LeaderboardSQL.row)
    }
}
