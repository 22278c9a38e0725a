import Foundation
@testable import Host
import Testing
import TestSupport

/// The leaderboard contract, written against `any LeaderboardStore` so every backend runs the
/// same checks: add a case to `Backend` and it is tested. Each backend's own checks (garbage
/// file, schema version, concurrent writers, refused connections) and store selection come last.
/// PostgreSQL runs on a throw-away local server (`PostgresServer`).
@Suite struct LeaderboardTests {
    enum Backend: CaseIterable {
        case sqlite, postgres

        /// A connection to the store kept under `folder` (for PostgreSQL, a database named
        /// after it); opening it again gives a second connection.
        func open(_ folder: String) throws -> any LeaderboardStore {
            switch self {
            case .sqlite: try SQLiteLeaderboard(path: "\(folder)/edgehost.sqlite")
            case .postgres: try PostgresLeaderboard(url: PostgresServer.database(URL(fileURLWithPath: folder).lastPathComponent))
            }
        }
    }

    /// Runs `body` with a fresh folder that is removed afterwards.
    func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    static func row(_ key: String, model: String = "m1", sharpe: Double = 1) -> LeaderboardRow {
        LeaderboardRow(
            key: key, runID: "20240701T140000Z-3fa2", modelID: model, modelVersion: "1.0.0", riskProfile: "balanced",
            threshold: 0.55, topPct: 0.1, allowedHours: "13,14,15", splits: 5, trades: 120, winRate: 0.5417,
            meanReturn: 0.0012, medianReturn: 0.0008, totalReturn: 0.144, sharpe: sharpe, sortino: 2.31, maxDrawdown: -0.062,
            calmar: 2.32, deflatedSharpe: 0.87, foldSharpeSpread: 0.41, gateStatus: "pass", gateReasons: "",
            matrixSHA: String(repeating: "a", count: 64), configSHA: String(repeating: "b", count: 64),
            reportPath: "reports/backtest_\(model).json", createdAt: "2024-07-01T14:00:00Z")
    }

    static func setting(_ row: LeaderboardRow, _ metric: LeaderboardMetric, _ value: Double) -> LeaderboardRow {
        var row = row
        switch metric {
        case .sharpe: row.sharpe = value
        case .sortino: row.sortino = value
        case .deflated_sharpe: row.deflatedSharpe = value
        case .total_return: row.totalReturn = value
        case .calmar: row.calmar = value
        case .win_rate: row.winRate = value
        }
        return row
    }

    // MARK: the contract every backend meets

    @Test(arguments: Backend.allCases) func everyFieldRoundTrips(_ backend: Backend) throws {
        try withFolder { folder in
            let store = try backend.open(folder)
            var full = Self.row("a|balanced|0.55|0.1", sharpe: 1.0 / 3.0)
            full.gateStatus = "fail"
            full.gateReasons = "trades < 30; sharpe spread 0.9 > 0.5 — l'écart"
            full.meanReturn = -1.0e-300
            full.totalReturn = 123_456_789.125
            full.splits = Int(Int32.max) + 7
            full.calmar = .infinity
            var sparse = Self.row("b|tight|0.6|all", model: "m2", sharpe: .nan)
            sparse.topPct = nil
            for metric in LeaderboardMetric.allCases { sparse = Self.setting(sparse, metric, .nan) }
            sparse.maxDrawdown = .nan
            sparse.foldSharpeSpread = .nan
            try store.upsert([sparse, full])

            let read = try store.rows(model: nil)
            #expect(read == [full, sparse])
            #expect(read[0].sharpe == 1.0 / 3.0 && read[0].calmar == .infinity && read[0].splits == 2_147_483_654)
            #expect(read[0].gateReasons == "trades < 30; sharpe spread 0.9 > 0.5 — l'écart")
            #expect(read[1].topPct == nil && read[1].sharpe.isNaN && read[1].deflatedSharpe.isNaN && read[1].maxDrawdown.isNaN)
            let count = try store.count()
            #expect(count == 2)
        }
    }

    @Test(arguments: Backend.allCases) func upsertReplacesRowsWithTheSameKey(_ backend: Backend) throws {
        try withFolder { folder in
            let store = try backend.open(folder)
            let rows = ["k1", "k2", "k3"].map { Self.row($0) }
            try store.upsert(rows)
            try store.upsert(rows)
            let twice = try store.rows(model: nil)
            #expect(twice == rows)

            var changed = rows[1]
            changed.sharpe = 2.5
            changed.topPct = nil
            changed.gateStatus = "fail"
            changed.runID = "20240702T140000Z-0001"
            try store.upsert([changed])
            let after = try store.rows(model: nil)
            #expect(after == [rows[0], changed, rows[2]])

            // Within one batch the last row with a key wins.
            var last = changed
            last.trades = 7
            try store.upsert([changed, last])
            let count = try store.count()
            let k2 = try store.rows(model: nil)[1]
            #expect(count == 3 && k2.trades == 7)
            try store.upsert([])
            #expect(try store.count() == 3)
        }
    }

    @Test(arguments: Backend.allCases) func topRanksDescendingWithNaNLastAndTiesByKey(_ backend: Backend) throws {
        try withFolder { folder in
            let store = try backend.open(folder)
            let sharpes: [(String, Double)] = [("k5", .nan), ("k4", 1.0), ("k6", -0.5), ("k2", .nan), ("k1", 1.0), ("k3", 2.0)]
            try store.upsert(sharpes.map { Self.row($0.0, sharpe: $0.1) })
            let all = try store.top(model: nil, metric: .sharpe, limit: 10).map(\.key)
            #expect(all == ["k3", "k1", "k4", "k6", "k2", "k5"])
            let three = try store.top(model: nil, metric: .sharpe, limit: 3).map(\.key)
            #expect(three == ["k3", "k1", "k4"])
            let none = try store.top(model: nil, metric: .sharpe, limit: 0)
            #expect(none.isEmpty)
        }
    }

    /// Each metric ranks by its own column: row `r<i>` is best at metric `i` only.
    @Test(arguments: Backend.allCases) func eachMetricRanksByItsOwnColumn(_ backend: Backend) throws {
        try withFolder { folder in
            let store = try backend.open(folder)
            let metrics = LeaderboardMetric.allCases
            let rows = metrics.indices.map { i in
                metrics.indices.reduce(Self.row("r\(i)")) { row, j in Self.setting(row, metrics[j], i == j ? 10 : Double(i)) }
            }
            try store.upsert(rows)
            for (i, metric) in metrics.enumerated() {
                let best = try store.top(model: nil, metric: metric, limit: 1)
                #expect(best.map(\.key) == ["r\(i)"], "\(metric)")
                #expect(best.first?.value(metric) == 10)
            }
        }
    }

    @Test(arguments: Backend.allCases) func filtersByModel(_ backend: Backend) throws {
        try withFolder { folder in
            let store = try backend.open(folder)
            try store.upsert([Self.row("a2", model: "a", sharpe: 3), Self.row("b1", model: "b", sharpe: 9),
                              Self.row("a1", model: "a", sharpe: 2), Self.row("b2", model: "b", sharpe: 1)])
            let a = try store.rows(model: "a").map(\.key)
            let all = try store.rows(model: nil).map(\.key)
            let unknown = try store.rows(model: "zzz")
            let topB = try store.top(model: "b", metric: .sharpe, limit: 5).map(\.key)
            #expect(a == ["a1", "a2"])
            #expect(all == ["a1", "a2", "b1", "b2"])
            #expect(unknown.isEmpty)
            #expect(topB == ["b1", "b2"])
        }
    }

    @Test(arguments: Backend.allCases) func aSecondConnectionSeesTheRows(_ backend: Backend) throws {
        try withFolder { folder in
            let first = try backend.open(folder)
            try first.upsert([Self.row("k1"), Self.row("k2")])
            let second = try backend.open(folder)
            let seen = try second.rows(model: nil)
            #expect(seen == [Self.row("k1"), Self.row("k2")])
            try second.upsert([Self.row("k3")])
            #expect(try first.count() == 3)
        }
    }

    @Test(arguments: Backend.allCases) func anEmptyStoreHasNoRows(_ backend: Backend) throws {
        try withFolder { folder in
            let store = try backend.open(folder)
            let count = try store.count()
            let rows = try store.rows(model: nil)
            let top = try store.top(model: nil, metric: .calmar, limit: 5)
            #expect(count == 0 && rows.isEmpty && top.isEmpty)
        }
    }

    // MARK: SQLite specifics

    @Test func theDatabaseIsAFileOnDiskInAFolderCreatedOnDemand() throws {
        try withFolder { folder in
            let path = "\(folder)/not/yet/edgehost.sqlite"
            try SQLiteLeaderboard(path: path).upsert([Self.row("k1")])
            let header = FileManager.default.contents(atPath: path)?.prefix(16)
            #expect(header == Data("SQLite format 3\0".utf8))
            let reopened = try SQLiteLeaderboard(path: path).rows(model: nil)
            #expect(reopened == [Self.row("k1")])
        }
    }

    @Test func aFileThatIsNotADatabaseIsAnErrorNamingThePath() throws {
        try withFolder { folder in
            let path = "\(folder)/edgehost.sqlite"
            try AtomicFile.write(String(repeating: "these are not the bytes of a database\n", count: 40), to: path)
            do {
                _ = try SQLiteLeaderboard(path: path)
                Issue.record("no error for a garbage file")
            } catch let error as StoreError {
                #expect(error.location == path)
                #expect(error.description.contains(path) && error.description.contains("not a database"), "\(error)")
            }
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        try withFolder { folder in
            let path = "\(folder)/edgehost.sqlite"
            _ = try SQLiteLeaderboard(path: path)
            try SQLiteDatabase(path: path).execute("PRAGMA user_version = 99")
            do {
                _ = try SQLiteLeaderboard(path: path)
                Issue.record("no error for a newer schema")
            } catch {
                #expect("\(error)".contains("schema version 99") && "\(error)".contains(path), "\(error)")
            }
        }
    }

    @Test func transactionsRollBackWhenTheBodyThrows() throws {
        try withFolder { folder in
            let db = try SQLiteDatabase(path: "\(folder)/t.sqlite")
            try db.execute("CREATE TABLE t (a INTEGER, b REAL, c TEXT)")
            struct Stop: Error {}
            do {
                try db.transaction {
                    try db.run("INSERT INTO t VALUES (?, ?, ?)", [.integer(1), .real(.nan), .text("x")])
                    throw Stop()
                }
                Issue.record("the transaction did not throw")
            } catch {
                #expect(error is Stop)
            }
            #expect(try db.rows("SELECT COUNT(*) FROM t").first?.int(0) == 0)
            try db.transaction { try db.run("INSERT INTO t VALUES (?, ?, ?)", [.integer(-3), .real(.nan), .null]) }
            let rows = try db.rows("SELECT a, b, c FROM t")
            #expect(rows.map(\.values) == [[.integer(-3), .null, .null]])
            #expect(rows.first?.double(1).isNaN == true)
        }
    }

    @Test func sqlErrorsNameTheFileTheStatementAndTheCause() throws {
        try withFolder { folder in
            let path = "\(folder)/t.sqlite"
            let db = try SQLiteDatabase(path: path)
            do {
                try db.run("SELEC a FROM nowhere WHERE 1")
                Issue.record("no error for bad SQL")
            } catch {
                #expect("\(error)" == "\(path): SELEC a FROM …: near \"SELEC\": syntax error")
            }
            do {
                try db.run("SELECT ?", [])
                Issue.record("no error for a missing value")
            } catch {
                #expect("\(error)".hasSuffix("SELECT ?: 0 values given for 1 parameters"), "\(error)")
            }
        }
    }

    // MARK: PostgreSQL specifics

    /// A fresh database on the test server.
    static func postgresURL() throws -> String { try PostgresServer.database(UUID().uuidString) }

    @Test func theSchemaVersionIsRecordedOnceAndANewerOneIsRefused() throws {
        let url = try Self.postgresURL()
        _ = try PostgresLeaderboard(url: url)
        _ = try PostgresLeaderboard(url: url)
        let connection = try PostgresConnection(url: url)
        let versions = try connection.rows("SELECT version FROM schema_version ORDER BY version").map { $0.int(0) }
        #expect(versions == [1] && PostgresLeaderboard.migrations.count == 1)
        let types = try connection.rows("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_name = 'leaderboard' AND column_name IN ('sharpe', 'splits', 'key') ORDER BY column_name
            """).map { "\($0.string(0)) \($0.string(1))" }
        #expect(types == ["key text", "sharpe double precision", "splits bigint"])

        try connection.run("INSERT INTO schema_version (version) VALUES (99)")
        do {
            _ = try PostgresLeaderboard(url: url)
            Issue.record("no error for a newer schema")
        } catch let error as StoreError {
            #expect(error.location == url)
            #expect(error.message.contains("schema version 99"), "\(error)")
        }
    }

    /// Two processes' worth of connections, each its own thread and store, opening a new
    /// database at once (the migration lock) and upserting interleaved transactions.
    @Test func concurrentWritersLoseNothing() throws {
        let url = try Self.postgresURL()
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            do {
                let store = try PostgresLeaderboard(url: url)
                for i in 0..<40 { try store.upsert([Self.row("w\(writer)-\(i)", model: "m\(writer)", sharpe: Double(i))]) }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let store = try PostgresLeaderboard(url: url)
        let keys = try store.rows(model: nil).map(\.key)
        let expected = (0..<2).flatMap { w in (0..<40).map { "w\(w)-\($0)" } }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(keys == expected)
        let versions = try PostgresConnection(url: url).rows("SELECT COUNT(*) FROM schema_version").first?.int(0)
        #expect(versions == 1)
    }

    @Test func aRefusedConnectionNamesTheURLWithoutThePassword() throws {
        let port = try PostgresServer.freePort()
        let url = "postgres://edgehost:s3cret@127.0.0.1:\(port)/leaderboard"
        do {
            _ = try PostgresLeaderboard(url: url)
            Issue.record("no error for a refused connection")
        } catch let error as StoreError {
            #expect(error.location == "postgres://edgehost@127.0.0.1:\(port)/leaderboard")
            #expect(error.operation == "connect")
            #expect(error.message.contains("Connection refused"), "\(error)")
            #expect(!error.description.contains("s3cret"), "\(error)")
        }
    }

    @Test func postgresErrorsNameTheServerTheStatementAndTheCause() throws {
        let url = try Self.postgresURL()
        let connection = try PostgresConnection(url: url)
        do {
            try connection.run("SELEC a FROM nowhere WHERE 1")
            Issue.record("no error for bad SQL")
        } catch {
            #expect("\(error)" == "\(url): SELEC a FROM …: syntax error at or near \"SELEC\"")
        }
        do {
            _ = try PostgresLeaderboard(url: url.replacingOccurrences(of: "@", with: "x@"))
            Issue.record("no error for an unknown user")
        } catch {
            #expect("\(error)".contains("edgehostx") && "\(error)".contains("does not exist"), "\(error)")
        }
    }

    @Test func postgresTransactionsRollBackAndValuesRoundTrip() throws {
        let connection = try PostgresConnection(url: try Self.postgresURL())
        try connection.execute("CREATE TABLE t (a BIGINT, b DOUBLE PRECISION, c TEXT)")
        struct Stop: Error {}
        do {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES ($1, $2, $3)", [.integer(1), .real(1.5), .text("x")])
                throw Stop()
            }
            Issue.record("the transaction did not throw")
        } catch {
            #expect(error is Stop)
        }
        #expect(try connection.rows("SELECT COUNT(*) FROM t").first?.int(0) == 0)
        let reals: [Double] = [.nan, -.infinity, .leastNonzeroMagnitude, 0.1, -1.0e300, 2.0 / 3.0]
        try connection.transaction {
            for (i, x) in reals.enumerated() { try connection.run("INSERT INTO t VALUES ($1, $2, $3)", [.integer(Int64(i) - 3), .real(x), .null]) }
        }
        let rows = try connection.rows("SELECT a, b, c FROM t ORDER BY a")
        #expect(rows.first?.values == [.integer(-3), .null, .null])
        #expect(rows.map { $0.int(0) } == [-3, -2, -1, 0, 1, 2])
        #expect(rows.dropFirst().map { $0.double(1) } == Array(reals.dropFirst()))
    }

    @Test func redactionAndTimeoutsLeaveTheRestOfTheURL() {
        #expect(PostgresConnection.redacted("postgres://u:p%40ss@db.example:5433/lb?sslmode=require&password=x")
                == "postgres://u@db.example:5433/lb?sslmode=require")
        #expect(PostgresConnection.redacted("postgresql://u@h/db") == "postgresql://u@h/db")
        #expect(PostgresConnection.redacted("host=h password=x dbname=lb") == "host=h dbname=lb")
        #expect(PostgresConnection.withTimeout("postgres://h/db") == "postgres://h/db?connect_timeout=5")
        #expect(PostgresConnection.withTimeout("postgres://h/db?sslmode=disable") == "postgres://h/db?sslmode=disable&connect_timeout=5")
        #expect(PostgresConnection.withTimeout("postgres://h/db?connect_timeout=1") == "postgres://h/db?connect_timeout=1")
    }

    // MARK: choosing the store

    @Test func theStoreIsDbElseTheEnvironmentElseTheWorkspaceFile() throws {
        let workspace = Workspace(root: "/tmp/ws")
        let pg = "postgres://u:secret@h:5432/lb"
        let cases: [(String?, [String: String], StoreLocation)] = [
            (nil, [:], .sqlite(path: "/tmp/ws/edgehost.sqlite")),
            (nil, ["EDGEHOST_DB": ""], .sqlite(path: "/tmp/ws/edgehost.sqlite")),
            (nil, ["EDGEHOST_DB": pg], .postgres(url: pg)),
            ("sqlite:/tmp/other.sqlite", ["EDGEHOST_DB": pg], .sqlite(path: "/tmp/other.sqlite")),
            ("sqlite:///tmp/other.sqlite", [:], .sqlite(path: "/tmp/other.sqlite")),
            ("results/lb.sqlite", [:], .sqlite(path: "results/lb.sqlite")),
            ("postgresql://h/lb", [:], .postgres(url: "postgresql://h/lb")),
        ]
        for (db, environment, expected) in cases {
            let location = try LeaderboardStores.location(db, workspace: workspace, environment: environment)
            #expect(location == expected, "\(db ?? "nil") \(environment)")
        }
        #expect(StoreLocation.postgres(url: pg).description == "postgres://u@h:5432/lb")
        for bad in ["mysql://u:secret@h/lb", "", "sqlite:"] {
            do {
                _ = try LeaderboardStores.location(bad, workspace: workspace, environment: [:])
                Issue.record("no error for '\(bad)'")
            } catch {
                #expect(!"\(error)".contains("secret") && "\(error)".contains("sqlite:"), "\(error)")
            }
        }
    }

    @Test func openingByLocationGivesTheBackend() throws {
        try withFolder { folder in
            let sqlite = try LeaderboardStores.open("sqlite:\(folder)/lb.sqlite", workspace: Workspace(root: folder), environment: [:])
            #expect(sqlite is SQLiteLeaderboard && FileManager.default.fileExists(atPath: "\(folder)/lb.sqlite"))
            let url = try Self.postgresURL()
            let postgres = try LeaderboardStores.open(nil, workspace: Workspace(root: folder), environment: ["EDGEHOST_DB": url])
            try postgres.upsert([Self.row("k1")])
            #expect(postgres is PostgresLeaderboard)
            #expect(try PostgresLeaderboard(url: url).rows(model: nil) == [Self.row("k1")])
        }
    }
}
