import Foundation

/// Where a leaderboard lives: a SQLite file or a PostgreSQL database.
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:PATH` or a plain path is SQLite.
    public init(parsing text: String) throws(StoreError) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if lower.hasPrefix("sqlite:") {
            // sqlite:///abs/path and sqlite://rel/path (the URL spellings) mean what sqlite:PATH does.
            var path = text.dropFirst("sqlite:".count)
            if path.hasPrefix("//") { path = path.dropFirst(2) }
            guard !path.isEmpty else { throw StoreError(text, "open", "sqlite: needs a file path, e.g. sqlite:edgehost-work/edgehost.sqlite") }
            self = .sqlite(path: String(path))
        } else if text.isEmpty || text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil {
            throw StoreError(PostgresConnection.redacted(text), "open",
                             "not a leaderboard database: use postgres://user:password@host:port/database, sqlite:PATH or a file path")
        } else {
            self = .sqlite(path: text)
        }
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

/// Which leaderboard a command uses: `--db`, else `EDGEHOST_DB`, else the workspace's SQLite file.
public enum LeaderboardStores {
    public static func location(_ db: String?, workspace: Workspace,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> StoreLocation {
        guard let chosen = db ?? environment["EDGEHOST_DB"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return .sqlite(path: workspace.database)
        }
        return try StoreLocation(parsing: chosen)
    }

    public static func open(_ db: String?, workspace: Workspace,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any LeaderboardStore {
        try location(db, workspace: workspace, environment: environment).open()
    }
}
