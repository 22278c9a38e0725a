import EdgehostServer
import Foundation
import Host
import Testing

/// The leaderboard's answers are kept between requests, but never past a write: a row another
/// connection commits (here the CLI's way, straight into the SQLite file) is in the next answer.
@Suite struct LeaderboardFreshnessTests {
    @Test func aWriteByAnotherConnectionIsInTheNextAnswer() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.get("/leaderboard?top=100").array.isEmpty)
        #expect(try await server.get("/leaderboard?top=100").array.isEmpty, "the kept answer")
        let store = try SQLiteLeaderboard(path: Workspace(root: server.workspace).database)
        var row = LeaderboardRow(key: "k1", runID: "r1", modelID: "m1", modelVersion: "v1", riskProfile: "balanced", threshold: 0.6,
                                 topPct: nil, allowedHours: "13,14", splits: 5, trades: 40, winRate: 0.5, meanReturn: 0.001,
                                 medianReturn: 0, totalReturn: 0.04, sharpe: 1.25, sortino: 1, maxDrawdown: -0.1, calmar: 0.5,
                                 deflatedSharpe: 0.8, foldSharpeSpread: 0.2, gateStatus: "fail", gateReasons: "[]", matrixSHA: "abc",
                                 configSHA: "def", reportPath: "reports/x.json", createdAt: "2026-01-01T00:00:00Z")
        try store.upsert([row])
        let first = try await server.get("/leaderboard?top=100").array
        #expect(first.map { $0["key"] as? String } == [row.key], "\(first)")
        row.sharpe = 2.5
        try store.upsert([row])
        #expect(try await server.get("/leaderboard?top=100").array.first?["sharpe"] as? Double == 2.5)
        #expect(try await server.get("/leaderboard?top=100&pass_gate_only=true").array.isEmpty)
        row.gateStatus = "pass"
        try store.upsert([row])
        #expect(try await server.get("/leaderboard?top=100&pass_gate_only=true").array.count == 1)
    }
}
