import Foundation
@testable import Host
import Testing
import TestSupport

/// `edgehost leaderboard` on the rows `edgehost run --pack zeroedge` wrote, from the workspace's
/// SQLite file and from a throw-away PostgreSQL server (`PostgresServer`).
@Suite(.serialized) struct LeaderboardCommandTests {
    static let model = "spy_opt_0dte_hourly"

    /// One full run shared by the tests below.
    static let shared: (Workbench, CLITests.Output) = {
        let wb = Workbench()
        return (wb, wb.run(["run", "--pack", "zeroedge"]))
    }()

    /// The rows a `--json` run printed, failing the test when it did not succeed.
    static func rows(_ out: CLITests.Output) throws -> [[String: Any]] {
        #expect(out.status == 0, "\(out.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]], "\(out.stdout)")
    }

    static func keys(_ rows: [[String: Any]]) -> [String] { rows.map { $0["key"] as? String ?? "?" } }

    @Test func theTableAndTheJSONRankEveryRowBySharpe() throws {
        let (wb, run) = Self.shared
        #expect(run.status == 0, "\(run.stderr)")
        let stored = try SQLiteLeaderboard(path: wb.path("edgehost.sqlite")).top(model: nil, metric: .sharpe, limit: 20)
        #expect(stored.count >= 3)

        let json = try Self.rows(wb.run(["leaderboard", "--json"]))
        #expect(Self.keys(json) == stored.map(\.key))
        #expect(json.first?["model_id"] as? String == Self.model)
        for field in ["risk_profile", "threshold", "trades", "sharpe", "deflated_sharpe", "gate_status", "matrix_sha", "config_sha"] {
            #expect(json.first?[field] != nil, "\(field) missing")
        }

        let table = wb.run(["leaderboard"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "leaderboard \(wb.path("edgehost.sqlite")): \(stored.count) row(s) by sharpe")
        #expect(lines.dropFirst().first?.hasPrefix("#  model") == true, "\(table.stdout)")
        #expect(lines.count == stored.count + 2)
        for (line, row) in zip(lines.dropFirst(2), stored) {
            #expect(line.contains(row.modelID) && line.contains("\(row.riskProfile) / \(String(format: "%.2f", row.threshold)) /"))
            #expect(line.contains(String(row.matrixSHA.prefix(8))) && line.contains(String(row.configSHA.prefix(8))))
            let badge = ["pass": "PASS", "fail": "FAIL"][row.gateStatus] ?? "-"
            #expect(line.contains("  \(badge)  "), "\(line)")
        }
        // Same rows, same bytes.
        #expect(wb.run(["leaderboard"]).stdout == table.stdout)
    }

    @Test func passGateOnlyKeepsThePassingRowsInRankOrder() throws {
        let (wb, _) = Self.shared
        let all = try Self.rows(wb.run(["leaderboard", "--json", "--top", "1000"]))
        let passing = try Self.rows(wb.run(["leaderboard", "--json", "--pass-gate-only"]))
        #expect(Self.keys(passing) == Self.keys(all.filter { $0["gate_status"] as? String == "pass" }.prefix(20).map { $0 }))
        let table = wb.run(["leaderboard", "--pass-gate-only"])
        #expect(table.status == 0, "\(table.stderr)")
        if passing.isEmpty {
            #expect(table.stdout.contains("no leaderboard rows with a passing gate"), "\(table.stdout)")
            #expect(!table.stdout.contains("backtest a model first"), "\(table.stdout)")
        } else {
            #expect(!table.stdout.contains("FAIL") && table.stdout.contains("PASS"), "\(table.stdout)")
        }
    }

    @Test func topMetricAndModelNarrowTheRanking() throws {
        let (wb, _) = Self.shared
        let store = try SQLiteLeaderboard(path: wb.path("edgehost.sqlite"))
        let two = try Self.rows(wb.run(["leaderboard", "--json", "--top", "2", "--metric", "deflated_sharpe", "--model", Self.model]))
        let best = try store.top(model: Self.model, metric: .deflated_sharpe, limit: 2)
        #expect(Self.keys(two) == best.map(\.key))
        let none = wb.run(["leaderboard", "--model", "no_such_model"])
        #expect(none.status == 0 && none.stdout.contains("no leaderboard rows with model no_such_model"), "\(none.stdout)")
        let bad = wb.run(["leaderboard", "--metric", "luck"])
        #expect(bad.status != 0 && bad.stderr.contains("deflated_sharpe"), "\(bad.stderr)")
        let zero = wb.run(["leaderboard", "--top", "0"])
        #expect(zero.status != 0 && zero.stderr.contains("--top must be at least 1"), "\(zero.stderr)")
        let mysql = wb.run(["leaderboard", "--db", "mysql://u:hunter2@h/lb"])
        #expect(mysql.status != 0 && mysql.stderr.contains("postgres://") && !mysql.stderr.contains("hunter2"), "\(mysql.stderr)")
    }

    /// A backtest with `--db` writes to PostgreSQL; the leaderboard there ranks exactly as the
    /// SQLite one does (only the run's id and time differ, as it is a second run).
    @Test func postgresHoldsAndRanksTheSameRows() throws {
        let (wb, _) = Self.shared
        let database = try PostgresServer.database("leaderboard_command_\(getpid())")
        // The test server trusts every local connection, so any password works: it must not be shown.
        let url = database.replacingOccurrences(of: "edgehost@", with: "edgehost:hunter2@")
        let backtest = wb.run(["backtest", "--model", Self.model, "--db", url, "--force"])
        #expect(backtest.status == 0, "\(backtest.stderr)")

        let fromSQLite = try Self.rows(wb.run(["leaderboard", "--json", "--top", "1000"]))
        let fromPostgres = try Self.rows(wb.run(["leaderboard", "--json", "--top", "1000", "--db", url]))
        func stable(_ rows: [[String: Any]]) -> [NSDictionary] {
            rows.map { $0.filter { $0.key != "run_id" && $0.key != "created_at" } as NSDictionary }
        }
        #expect(!fromPostgres.isEmpty && stable(fromPostgres) == stable(fromSQLite))

        let table = wb.run(["leaderboard"], environment: ["EDGEHOST_DB": url])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("leaderboard \(database): "), "\(table.stdout)")
        #expect(!table.stdout.contains("hunter2"))
    }

    @Test func anEmptyStoreSaysHowToFillIt() throws {
        let wb = Workbench()
        defer { try? FileManager.default.removeItem(atPath: wb.root) }
        let table = wb.run(["leaderboard"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout == """
            no leaderboard rows in \(wb.path("edgehost.sqlite"))
              backtest a model first: edgehost run --pack zeroedge, or edgehost backtest --model <id>

            """)
        let json = try Self.rows(wb.run(["leaderboard", "--json"]))
        #expect(json.isEmpty)
    }

    @Test func aServerThatIsNotThereIsAClearError() throws {
        let (wb, _) = Self.shared
        let url = "postgres://edgehost:hunter2@127.0.0.1:\(try PostgresServer.freePort())/lb"
        let out = wb.run(["leaderboard", "--db", url])
        #expect(out.status == 69, "\(out.stderr)")
        #expect(out.stderr.contains(url.replacingOccurrences(of: ":hunter2", with: "")) && out.stderr.contains("Connection refused"), "\(out.stderr)")
        #expect(!out.stderr.contains("hunter2"))
    }
}
