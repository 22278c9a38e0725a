import Foundation

/// A value bound to or read from a database. A NaN `real` is bound as NULL, since SQL has no
/// NaN (and PostgreSQL's NaN would sort above every number).
enum SQLValue: Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
}

/// One result row, read by column index in the order the SELECT names them.
struct SQLRow {
    var values: [SQLValue]

    func int(_ column: Int) -> Int64 {
        switch values[column] {
        case .integer(let n): n
        case .real(let x): Int64(exactly: x) ?? 0
        case .text, .null: 0
        }
    }

    /// NULL reads back as NaN: the inverse of binding NaN as NULL.
    func double(_ column: Int) -> Double { optionalDouble(column) ?? .nan }

    func optionalDouble(_ column: Int) -> Double? {
        switch values[column] {
        case .integer(let n): Double(n)
        case .real(let x): x
        case .text, .null: nil
        }
    }

    func string(_ column: Int) -> String {
        switch values[column] {
        case .text(let s): s
        case .integer(let n): String(n)
        case .real(let x): String(x)
        case .null: ""
        }
    }
}

/// What the leaderboard's SQL needs to say differently per backend.
enum SQLDialect {
    case sqlite, postgres

    /// The `index`th (from 1) positional parameter.
    func parameter(_ index: Int) -> String {
        switch self {
        case .sqlite: "?\(index)"
        case .postgres: "$\(index)"
        }
    }

    /// Ties and `rows` order by key in byte order: SQLite's default (BINARY), PostgreSQL's "C".
    var keyOrder: String {
        switch self {
        case .sqlite: "key"
        case .postgres: "key COLLATE \"C\""
        }
    }
}

/// The leaderboard table and the statements on it, shared by the backends so their tables,
/// upserts, orderings and row mappings cannot drift apart.
enum LeaderboardSQL {
    static let count = "SELECT COUNT(*) FROM leaderboard"

    /// The table and its index. Both backends version their schema: a later change is a new
    /// migration (ALTER TABLE), and this text stays what version 1 created.
    static func createTable(_ dialect: SQLDialect) -> String {
        let definitions = columns.map { "\($0.name) \($0.type(dialect))" }.joined(separator: ",\n    ")
        return """
            CREATE TABLE IF NOT EXISTS leaderboard (
                \(definitions),
                PRIMARY KEY (key)
            );
            CREATE INDEX IF NOT EXISTS leaderboard_model ON leaderboard (model_id);
            """
    }

    /// Inserts one row (`values(of:)`), replacing the stored row with the same key.
    static func upsert(_ dialect: SQLDialect) -> String {
        let names = columns.map(\.name)
        let updates = names.filter { $0 != "key" }.map { "\($0) = excluded.\($0)" }
        return "INSERT INTO leaderboard (\(names.joined(separator: ", "))) VALUES (\(names.indices.map { dialect.parameter($0 + 1) }.joined(separator: ", ")))"
            + " ON CONFLICT (key) DO UPDATE SET \(updates.joined(separator: ", "))"
    }

    static func values(of row: LeaderboardRow) -> [SQLValue] { columns.map { $0.value(of: row) } }

    /// The rows of `model` (all when nil), by key, or best first by `metric` (NULL last, ties
    /// by key), at most `limit`.
    static func select(_ dialect: SQLDialect, model: String?, metric: LeaderboardMetric?, limit: Int?) -> (sql: String, values: [SQLValue]) {
        var sql = "SELECT \(columns.map(\.name).joined(separator: ", ")) FROM leaderboard"
        var values: [SQLValue] = []
        if let model {
            values.append(.text(model))
            sql += " WHERE model_id = \(dialect.parameter(values.count))"
        }
        // The metric's raw value is its column name, and comes from a closed enum, never from input.
        sql += " ORDER BY " + (metric.map { "\($0.rawValue) DESC NULLS LAST, " } ?? "") + dialect.keyOrder
        if let limit {
            values.append(.integer(Int64(max(0, limit))))
            sql += " LIMIT \(dialect.parameter(values.count))"
        }
        return (sql, values)
    }

    /// The row a SELECT of `select` returned.
    static func row(_ sqlRow: SQLRow) -> LeaderboardRow {
        var row = blank
        for (index, column) in columns.enumerated() { column.read(sqlRow, index, into: &row) }
        return row
    }

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

    /// Integers are 64-bit in both (SQLite's INTEGER is), reals are IEEE doubles.
    func type(_ dialect: SQLDialect) -> String {
        switch (field, dialect) {
        case (.text, _): "TEXT NOT NULL"
        case (.integer, .sqlite): "INTEGER NOT NULL"
        case (.integer, .postgres): "BIGINT NOT NULL"
        case (.real, .sqlite), (.optionalReal, .sqlite): "REAL"
        case (.real, .postgres), (.optionalReal, .postgres): "DOUBLE PRECISION"
        }
    }

    func value(of row: LeaderboardRow) -> SQLValue {
        switch field {
        case .text(let path): .text(row[keyPath: path])
        case .integer(let path): .integer(Int64(row[keyPath: path]))
        case .real(let path): .real(row[keyPath: path])
        case .optionalReal(let path): row[keyPath: path].map(SQLValue.real) ?? .null
        }
    }

    func read(_ sqlRow: SQLRow, _ index: Int, into row: inout LeaderboardRow) {
        switch field {
        case .text(let path): row[keyPath: path] = sqlRow.string(index)
        case .integer(let path): row[keyPath: path] = Int(sqlRow.int(index))
        case .real(let path): row[keyPath: path] = sqlRow.double(index)
        case .optionalReal(let path): row[keyPath: path] = sqlRow.optionalDouble(index)
        }
    }
}
