import Foundation

/// Where a leaderboard lives: a SQLite file or a PostgreSQL database.
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Which database `text` names (README, "Which database `--db` names"):
    /// - PostgreSQL: a `postgres://` or `postgresql://` URL, or libpq's `key=value …` form
    ///   (`host=h port=5432 user=u password=p dbname=lb`);
    /// - SQLite: `sqlite:PATH`, or a path that is clearly a SQLite file: it ends in `.sqlite`,
    ///   `.sqlite3` or `.db`, or names an existing file.
    /// Anything else (another scheme, `postgres:` without `//`, a bare word) is refused, so a
    /// mistyped address never becomes a new file named after it (password and all).
    public init(parsing text: String) throws(StoreError) {
        let lower = text.lowercased()
        let usage = "use postgres://user:password@host:port/database, libpq's 'host=… dbname=…', sqlite:PATH or a path ending in .sqlite or .db"
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") || Self.isKeywordForm(text) {
            self = .postgres(url: text)
        } else if lower.hasPrefix("sqlite:") {
            // sqlite:///abs/path and sqlite://rel/path (the URL spellings) mean what sqlite:PATH does.
            var path = text.dropFirst("sqlite:".count)
            if path.hasPrefix("//") { path = path.dropFirst(2) }
            guard !path.isEmpty else { throw StoreError(text, "address", "sqlite: needs a file path, e.g. sqlite:edgehost-work/edgehost.sqlite") }
            self = .sqlite(path: String(path))
        } else if text.isEmpty || text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil {
            throw StoreError(PostgresConnection.redacted(text), "address", "not a leaderboard database: \(usage)")
        } else if Self.isClearlySQLite(text) {
            self = .sqlite(path: text)
        } else {
            throw StoreError(PostgresConnection.redacted(text), "address", "not clearly a SQLite file (no .sqlite or .db ending, no such file): \(usage)")
        }
    }

    /// libpq's keyword form starts with `keyword=` (letters and '_'), e.g. `host=…` or `dbname=…`.
    static func isKeywordForm(_ text: String) -> Bool {
        text.range(of: #"^\s*[A-Za-z_]+\s*="#, options: .regularExpression) != nil
    }

    static func isClearlySQLite(_ path: String) -> Bool {
        let lower = path.lowercased()
        if [".sqlite", ".sqlite3", ".db"].contains(where: { lower.hasSuffix($0) }) { return true }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
    }

    /// The file path, or the URL without its password: safe to print.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): PostgresConnection.redacted(url)
        }
    }

    /// Connects, creating the file or table when missing.
    public func open() throws -> any LeaderboardStore {
        switch self {
        case .sqlite(let path): try SQLiteLeaderboard(path: path)
        case .postgres(let url): try PostgresLeaderboard(url: url)
        }
    }
}

/// Which leaderboard a command uses: `--db`, else `EDGEHOST_DB`, else the `DB_*` variables
/// (`DatabaseEnvironment`), else the workspace's SQLite file.
public enum LeaderboardStores {
    public static func location(_ db: String?, workspace: Workspace,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> StoreLocation {
        let fromVariables = try DatabaseEnvironment.address(environment)
        guard let chosen = db ?? environment["EDGEHOST_DB"].flatMap({ $0.isEmpty ? nil : $0 }) ?? fromVariables else {
            return .sqlite(path: workspace.database)
        }
        return try StoreLocation(parsing: chosen)
    }

    public static func open(_ db: String?, workspace: Workspace,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any LeaderboardStore {
        try location(db, workspace: workspace, environment: environment).open()
    }
}
