import Foundation

/// The leaderboard in an embedded SQLite file (`<workspace>/edgehost.sqlite`). The SQL is kept
/// to what PostgreSQL also accepts (ON CONFLICT upserts, NULLS LAST), so the backends agree.
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
            try database.execute(Self.createSQL)
            if found < Self.schemaVersion { try database.execute("PRAGMA user_version = \(Self.schemaVersion)") }
        }
        self.database = database
    }

    public func upsert(_ rows: [LeaderboardRow]) throws {
        guard !rows.isEmpty else { return }
        try database.transaction {
            let statement = try database.prepare(Self.upsertSQL)
            for row in rows { try statement.run(Self.columns.map { $0.value(of: row) }) }
        }
    }

    public func rows(model: String?) throws -> [LeaderboardRow] {
        try select(model: model, order: "key", limit: nil)
    }

    public func top(model: String?, metric: LeaderboardMetric, limit: Int) throws -> [LeaderboardRow] {
        // The metric's raw value is its column name, and comes from a closed enum, never from input.
        try select(model: model, order: "\(metric.rawValue) DESC NULLS LAST, key", limit: max(0, limit))
    }

    public func count() throws -> Int {
        Int(try database.rows("SELECT COUNT(*) FROM leaderboard").first?.int(0) ?? 0)
    }

    private func select(model: String?, order: String, limit: Int?) throws -> [LeaderboardRow] {
        var sql = "SELECT \(Self.columns.map(\.name).joined(separator: ", ")) FROM leaderboard"
        var values: [SQLiteValue] = []
        if let model {
            sql += " WHERE model_id = ?"
            values.append(.text(model))
        }
        sql += " ORDER BY \(order)"
        if let limit {
            sql += " LIMIT ?"
            values.append(.integer(Int64(limit)))
        }
        return try database.rows(sql, values).map { sqlRow in
            var row = Self.blank
            for (index, column) in Self.columns.enumerated() { column.read(sqlRow, index, into: &row) }
            return row
        }
    }

    private static var createSQL: String {
        let definitions = columns.map { "\($0.name) \($0.type)" }.joined(separator: ",\n    ")
        return """
            CREATE TABLE IF NOT EXISTS leaderboard (
                \(definitions),
                PRIMARY KEY (key)
            );
            CREATE INDEX IF NOT EXISTS leaderboard_model ON leaderboard (model_id);
            """
    }

    private static let upsertSQL: String = {
        let names = columns.map(\.name)
        let updates = names.filter { $0 != "key" }.map { "\($0) = excluded.\($0)" }
        return "INSERT INTO leaderboard (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
            + " ON CONFLICT (key) DO UPDATE SET \(updates.joined(separator: ", "))"
    }()

    /// Every field and its column, in one list, so the table, the upsert and the reads agree.
    private static let columns: [Column] = [
        Column("key", .text(\.key)), Column("run_id", .text(\.runID)), Column("model_id", .text(\.modelID)),
        Column("model_version", .text(\.modelVersion)), Column("risk_profile", .text(\.riskProfile)),
        Column("threshold", .real(\.threshold)), Column("top_pct", .optionalReal(\.topPct)),
        Column("allowed_hours", .text(\.allowedHours)), Column("splits", .integer(\.splits)), Column("trades", .integer(\.trades)),
        Column("win_rate", .real(\.winRate)), Column("mean_return", .real(\.meanReturn)),
        Column("median_return", .real(\.medianReturn)), Column("total_return", .real(\.totalReturn)),
        Column("sharpe", .real(\.sharpe)), Column("sortino", .real(\.sortino)), Column("max_drawdown", .real(\.maxDrawdown)),
        Column("calmar", .real(\.calmar)), Column("deflated_sharpe", .real(\.deflatedSharpe)),
        Column("fold_sharpe_spread", .real(\.foldSharpeSpread)), Column("gate_status", .text(\.gateStatus)),
        Column("gate_reasons", .text(\.gateReasons)), Column("matrix_sha", .text(\.matrixSHA)),
        Column("config_sha", .text(\.configSHA)), Column("report_path", .text(\.reportPath)),
        Column("created_at", .text(\.createdAt)),
    ]

    /// The row reads start from; every field is then overwritten from its column.
    private static let blank = LeaderboardRow(
        key: "", runID: "", modelID: "", modelVersion: "", riskProfile: "", threshold: .nan, topPct: nil, allowedHours: "",
        splits: 0, trades: 0, winRate: .nan, meanReturn: .nan, medianReturn: .nan, totalReturn: .nan, sharpe: .nan,
        sortino: .nan, maxDrawdown: .nan, calmar: .nan, deflatedSharpe: .nan, foldSharpeSpread: .nan, gateStatus: "",
        gateReasons: "", matrixSHA: "", configSHA: "", reportPath: "", createdAt: "")
}

/// One field of `LeaderboardRow` and the column that holds it. Reals are nullable: NaN is NULL.
private struct Column: Sendable {
    enum Field: Sendable {
        case text(any WritableKeyPath<LeaderboardRow, String> & Sendable)
        case integer(any WritableKeyPath<LeaderboardRow, Int> & Sendable)
        case real(any WritableKeyPath<LeaderboardRow, Double> & Sendable)
        case optionalReal(any WritableKeyPath<LeaderboardRow, Double?> & Sendable)
    }

    let name: String
    let field: Field

    init(_ name: String, _ field: Field) {
        self.name = name
        self.field = field
    }

    var type: String {
        switch field {
        case .text: "TEXT NOT NULL"
        case .integer: "INTEGER NOT NULL"
        case .real, .optionalReal: "REAL"
        }
    }

    func value(of row: LeaderboardRow) -> SQLiteValue {
        switch field {
        case .text(let path): .text(row[keyPath: path])
        case .integer(let path): .integer(Int64(row[keyPath: path]))
        case .real(let path): .real(row[keyPath: path])
        case .optionalReal(let path): row[keyPath: path].map(SQLiteValue.real) ?? .null
        }
    }

    func read(_ sqlRow: SQLiteRow, _ index: Int, into row: inout LeaderboardRow) {
        switch field {
        case .text(let path): row[keyPath: path] = sqlRow.string(index)
        case .integer(let path): row[keyPath: path] = Int(sqlRow.int(index))
        case .real(let path): row[keyPath: path] = sqlRow.double(index)
        case .optionalReal(let path): row[keyPath: path] = sqlRow.optionalDouble(index)
        }
    }
}
