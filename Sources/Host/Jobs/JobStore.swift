import Foundation

/// Where jobs are kept: the `jobs` table beside the leaderboard, in the same database (the
/// workspace's SQLite file, or PostgreSQL with `--db`). Not for sharing between threads.
public final class JobStore {
    private let connection: any SQLConnection
    private let dialect: SQLDialect

    /// The columns, in the order `values(of:)` and `record(_:)` use.
    static let columns = ["id", "kind", "model_id", "state", "stage", "progress", "created_at", "started_at", "finished_at",
                          "request", "result", "error"]

    /// Opens the jobs table of `location`, creating it when missing. The leaderboard opens
    /// first: it checks the file is ours (or migrates the server), so a foreign database is refused the same way.
    public init(location: StoreLocation) throws {
        _ = try location.open()
        switch location {
        case .sqlite(let path):
            let database = try SQLiteDatabase(path: path)
            try database.useWriteAheadLog()
            connection = database
            dialect = .sqlite
        case .postgres(let url):
            connection = try PostgresConnection(url: url)
            dialect = .postgres
        }
        let real = dialect == .sqlite ? "REAL" : "DOUBLE PRECISION"
        let definitions = Self.columns.map { name in
            name == "id" ? "id TEXT PRIMARY KEY" : name == "progress" ? "progress \(real) NOT NULL" : "\(name) TEXT NOT NULL"
        }
        try connection.execute("CREATE TABLE IF NOT EXISTS jobs (\(definitions.joined(separator: ", ")))")
    }

    /// Inserts `job` or replaces the stored job of the same id.
    public func save(_ job: JobRecord) throws {
        let names = Self.columns
        let parameters = names.indices.map { dialect.parameter($0 + 1) }
        let updates = names.dropFirst().map { "\($0) = excluded.\($0)" }
        let sql = "INSERT INTO jobs (\(names.joined(separator: ", "))) VALUES (\(parameters.joined(separator: ", "))) "
            + "ON CONFLICT (id) DO UPDATE SET \(updates.joined(separator: ", "))"
        _ = try connection.rows(sql, Self.values(of: job))
    }

    public func job(id: String) throws -> JobRecord? {
        try connection.rows("SELECT \(Self.columns.joined(separator: ", ")) FROM jobs WHERE id = \(dialect.parameter(1))", [.text(id)])
            .first.map(Self.record)
    }

    /// The newest `limit` jobs, newest first (ids are time-ordered; created_at breaks no ties they leave).
    public func jobs(limit: Int) throws -> [JobRecord] {
        try connection.rows("SELECT \(Self.columns.joined(separator: ", ")) FROM jobs ORDER BY created_at DESC, id DESC LIMIT \(max(0, limit))")
            .map(Self.record)
    }

    /// Marks every queued or running job interrupted (at start-up and shutdown: no worker owns them
    /// any more); returns how many.
    @discardableResult
    public func interruptActive(at instant: String) throws -> Int {
        let active = try connection.rows("SELECT \(Self.columns.joined(separator: ", ")) FROM jobs WHERE state IN ('queued', 'running')")
            .map(Self.record)
        for var job in active {
            job.state = .interrupted
            job.finishedAt = instant
            try save(job)
        }
        return active.count
    }

    static func values(of job: JobRecord) -> [SQLValue] {
        [.text(job.id), .text(job.kind), .text(job.modelID), .text(job.state.rawValue), .text(job.stage),
         .real(job.progress.isFinite ? job.progress : 0), .text(job.createdAt), .text(job.startedAt), .text(job.finishedAt),
         .text(job.request), .text(job.result), .text(job.error)]
    }

    static func record(_ row: SQLRow) -> JobRecord {
        JobRecord(id: row.string(0), kind: row.string(1), modelID: row.string(2), state: JobRecord.State(rawValue: row.string(3)) ?? .interrupted,
                  stage: row.string(4), progress: row.optionalDouble(5) ?? 0, createdAt: row.string(6), startedAt: row.string(7),
                  finishedAt: row.string(8), request: row.string(9), result: row.string(10), error: row.string(11))
    }
}

/// A connection the job store can use on either backend.
protocol SQLConnection: SQLTransactions {
    func rows(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> [SQLRow]
}

extension SQLConnection {
    func rows(_ sql: String) throws(StoreError) -> [SQLRow] { try rows(sql, []) }
}

extension SQLiteDatabase: SQLConnection {}
extension PostgresConnection: SQLConnection {}
