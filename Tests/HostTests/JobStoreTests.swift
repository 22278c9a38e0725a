import Foundation
@testable import Host
import Testing
import TestSupport

/// The server's jobs outlive it on both backends, and the runbook's `DB_*` variables put every
/// table (leaderboard and jobs) in their schema on PostgreSQL without the password showing.
@Suite struct JobStoreTests {
    static func job(_ id: String, _ state: JobRecord.State, created: String) -> JobRecord {
        JobRecord(id: id, kind: "train", modelID: "m1", state: state, stage: state == .running ? "folds" : "", progress: 0.25,
                  createdAt: created, startedAt: state == .queued ? "" : created, request: #"{"model_id":"m1"}"#)
    }

    /// Saves, replaces, lists newest first, and marks active jobs interrupted; a second
    /// connection (the restarted server) sees all of it.
    func exercise(_ location: StoreLocation) throws {
        let store = try JobStore(location: location)
        try store.save(Self.job("j1", .succeeded, created: "2026-12-05T10:00:00Z"))
        try store.save(Self.job("j2", .running, created: "2026-12-05T10:01:00Z"))
        try store.save(Self.job("j3", .queued, created: "2026-12-05T10:02:00Z"))
        var replaced = Self.job("j1", .succeeded, created: "2026-12-05T10:00:00Z")
        replaced.result = #"{"status":"done"}"#
        try store.save(replaced)

        let restarted = try JobStore(location: location)
        #expect(try restarted.jobs(limit: 10).map(\.id) == ["j3", "j2", "j1"])
        #expect(try restarted.job(id: "j1") == replaced)
        #expect(try restarted.job(id: "missing") == nil)
        #expect(try restarted.interruptActive(at: "2026-12-05T10:05:00Z") == 2)
        #expect(try restarted.jobs(limit: 10).map(\.state) == [.interrupted, .interrupted, .succeeded])
        #expect(try restarted.job(id: "j2")?.finishedAt == "2026-12-05T10:05:00Z")
        #expect(try restarted.jobs(limit: 1).count == 1)
    }

    @Test func jobsPersistInSQLite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-jobs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try exercise(.sqlite(path: "\(folder)/edgehost.sqlite"))
    }

    @Test func jobsPersistInPostgres() throws {
        try exercise(.postgres(url: PostgresServer.database("jobs_\(UUID().uuidString.prefix(8))")))
    }

    @Test func dbVariablesPutEveryTableInTheirSchemaWithoutShowingThePassword() throws {
        let name = "dbvars_\(UUID().uuidString.prefix(8))"
        let url = try PostgresServer.database(name)
        let port = try PostgresServer.shared.get().port
        let environment = ["DB_HOST": "127.0.0.1", "DB_PORT": "\(port)", "DB_USER": "edgehost", "DB_PASSWORD": "pw-s3cret-42",
                           "DB_NAME": PostgresServer.databaseName(name), "DB_SCHEMA": "research"]
        let workspace = Workspace(root: "/tmp/edgehost-unused")
        let location = try LeaderboardStores.location(nil, workspace: workspace, environment: environment)
        guard case .postgres(let address) = location else {
            Issue.record("DB_* did not select PostgreSQL: \(location)")
            return
        }
        #expect(!location.description.contains("pw-s3cret-42") && location.description.contains("search_path=research"))
        try location.open().upsert([LeaderboardTests.row("k1")])
        try JobStore(location: location).save(Self.job("j1", .succeeded, created: "2026-12-05T10:00:00Z"))

        let tables = try PostgresConnection(url: url).rows(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('jobs', 'leaderboard') ORDER BY 2", [])
            .map { "\($0.string(0)).\($0.string(1))" }
        #expect(tables == ["research.jobs", "research.leaderboard"])
        #expect(try JobStore(location: .postgres(url: address)).job(id: "j1")?.state == .succeeded)

        // --db and EDGEHOST_DB still win over the variables; DB_SCHEMA defaults to `app`.
        #expect(try LeaderboardStores.location("sqlite:/tmp/x.sqlite", workspace: workspace, environment: environment) == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try LeaderboardStores.location(nil, workspace: workspace, environment: environment.merging(["EDGEHOST_DB": url]) { $1 }) == .postgres(url: url))
        let defaulted = try DatabaseEnvironment.address(["DB_HOST": "h"])
        #expect(defaulted == "host='h' options='-c search_path=app'")
        #expect(throws: StoreError.self) { try DatabaseEnvironment.address(["DB_HOST": "h", "DB_SCHEMA": "a;drop"]) }
    }
}
