import Foundation
@testable import Host
import Testing

/// Which database `--db` names, how its passwords are hidden, and which SQLite files the store
/// refuses to touch (issue 13, items 8, 9 and 11).
@Suite struct StoreSafetyTests {
    func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-safety-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    @Test func keywordStringsArePostgresAndOnlyClearPathsAreSQLite() throws {
        let keywords = "host=127.0.0.1 port=1 user=u password=secretpw dbname=db"
        #expect(try StoreLocation(parsing: keywords) == .postgres(url: keywords))
        #expect(try StoreLocation(parsing: " dbname = lb") == .postgres(url: " dbname = lb"))
        for path in ["lb.sqlite", "dir/lb.SQLITE3", "/tmp/x.db"] {
            #expect(try StoreLocation(parsing: path) == .sqlite(path: path))
        }
        let folder = FileManager.default.temporaryDirectory.path
        let existing = "\(folder)/edgehost-leaderboard-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: existing, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: existing) }
        let location: StoreLocation = try StoreLocation(parsing: existing)
        #expect(location == .sqlite(path: existing))
        for unclear in ["\(folder)/edgehost-nothing-\(UUID().uuidString)", folder, "secretpw"] {
            let error = #expect(throws: StoreError.self) { try StoreLocation(parsing: unclear) }
            #expect(error?.description.contains("not clearly a SQLite file") == true, "\(unclear): \(String(describing: error))")
        }
        let malformed = #expect(throws: StoreError.self) { try StoreLocation(parsing: "postgres:/u:secretpw@127.0.0.1:1/db") }
        #expect(malformed.map { !$0.description.contains("secretpw") && $0.description.contains("postgres://") } == true)
    }

    @Test(arguments: [
        ("postgres:/u:secretpw@127.0.0.1:1/db", "postgres:/u:***@127.0.0.1:1/db"),
        ("postgres://u:secretpw@h/db", "postgres://u:***@h/db"),
        ("u:secretpw@h/db", "u:***@h/db"),
        ("postgres://u:se@cret:pw@h/db", "postgres://u:***@h/db"),
        ("host=h password=secretpw dbname=db", "host=h password=*** dbname=db"),
        ("host=h PASSWORD = 'secret pw' dbname=db", "host=h PASSWORD = *** dbname=db"),
        ("postgres://h/db?sslmode=require&password=secretpw&x=1", "postgres://h/db?sslmode=require&password=***&x=1"),
        ("error at 2024-07-01T13:30:00Z: model m@v1", "error at 2024-07-01T13:30:00Z: model m@v1"),
        ("postgres://edgehost@127.0.0.1:5432/lb: refused", "postgres://edgehost@127.0.0.1:5432/lb: refused"),
    ])
    func redactionCoversEveryForm(_ text: String, _ expected: String) {
        #expect(Redaction.redact(text) == expected)
    }

    @Test func connectionErrorsNeverShowThePassword() throws {
        for db in ["host=127.0.0.1 port=1 user=u password=secretpw dbname=db connect_timeout=2",
                   "postgresql://u:secretpw@127.0.0.1:1/db?connect_timeout=2"] {
            let error = #expect(throws: (any Error).self) { _ = try StoreLocation(parsing: db).open() }
            #expect(error.map { !"\($0)".contains("secretpw") && "\($0)".contains("127.0.0.1") } == true, "\(String(describing: error))")
        }
    }

    /// Another program's SQLite file is refused byte-for-byte untouched (it used to be switched to WAL).
    @Test(arguments: [0, 42])
    func foreignSQLiteFilesAreLeftAlone(applicationID: Int) throws {
        try withFolder { folder in
            let path = "\(folder)/other.sqlite"
            do {
                let other = try SQLiteDatabase(path: path)
                try other.execute("PRAGMA application_id = \(applicationID); CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ann')")
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { _ = try SQLiteLeaderboard(path: path) }
            #expect(error?.description.contains("not an edgehost database (application_id \(applicationID), tables: users)") == true, "\(String(describing: error))")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["other.sqlite"])
        }
    }

    /// Ours are marked, and a file marked ours (or an older unmarked leaderboard) opens.
    @Test func ourDatabasesAreMarkedAndReopen() throws {
        try withFolder { folder in
            let path = "\(folder)/lb.sqlite"
            try SQLiteLeaderboard(path: path).upsert([LeaderboardTests.row("a")])
            let id = try SQLiteDatabase(path: path).rows("PRAGMA application_id").first?.int(0)
            #expect(id == SQLiteLeaderboard.applicationID)
            #expect(try SQLiteLeaderboard(path: path).count() == 1)
        }
    }

    /// A damaged file fails when the store opens, before the command's work.
    @Test func damagedDatabaseFailsAtOpen() throws {
        try withFolder { folder in
            let path = "\(folder)/lb.sqlite"
            try SQLiteLeaderboard(path: path).upsert([LeaderboardTests.row("a")])
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seek(toOffset: 4096)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
            try handle.close()
            let error = #expect(throws: StoreError.self) { _ = try SQLiteLeaderboard(path: path) }
            #expect(error?.description.hasPrefix(path) == true, "\(String(describing: error))")
        }
    }
}
