import Foundation
import Testing

/// Preview and build on the simulated data: reports, reproducibility, skipping, calendars.
@Suite struct MatrixBuildTests {
    static let model = "spy_opt_0dte_hourly"

    @Test func previewWritesReport() throws {
        let wb = Workbench()
        wb.createModel()
        let out = wb.run(["preview", "--model", Self.model, "--start", "2024-07-01", "--end", "2024-07-03"])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try #require(wb.json("reports/preview_\(Self.model).json"))
        #expect(report["ok"] as? Bool == true)
        #expect(report["rows"] as? Int == 15)  // 6 + 6 + 3 decisions (July 3 closes at 13:00)
        let nan = try #require(report["nan_summary"] as? [String: Double])
        #expect(nan.keys.contains("drift_since_open") && nan.values.allSatisfy { $0 == 0 })
        let days = try #require((report["coverage"] as? [String: Any])?["days"] as? [[String: Any]])
        #expect(days.map { $0["bars"] as? Int } == [390, 390, 210])
    }

    /// v2's history fetch before 2020-01-27 reaches before the simulator's origin (2020-01-02):
    /// the bars that exist are its history, and the sessions before 21 of them are warm-up.
    @Test func historyBeforeTheSimulatorsOriginIsWarmUp() throws {
        let wb = Workbench()
        wb.createModel(set: "zeroedge_headfake_reversal_v2")
        let out = wb.run(["build", "--model", Self.model, "--start", "2020-01-27", "--end", "2020-02-07"])
        #expect(out.status == 0, "\(out.stderr)")
        // January 2020 has 21 sessions: its last week is warm-up, February's first day is not.
        #expect(out.stdout.contains("(warm-up: 5 sessions, 30 decisions dropped)"), "\(out.stdout)")
        let profile = try #require(wb.json("matrices/\(Self.model)/profile.json"))
        #expect((profile["warm_up"] as? [String: Any])?["first_bar"] as? String == "2020-01-02T14:30:00Z")
        #expect(profile["rows"] as? Int == 30 && wb.matrix(Self.model)[1].first == "2020-02-03T15:00:00Z")
    }

    @Test func buildIsReproducibleAndSkipsWhenUnchanged() throws {
        let wb = Workbench()
        wb.createModel()
        let args = ["build", "--model", Self.model, "--start", "2024-06-03", "--end", "2024-07-03"]
        let first = wb.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        let csv = try #require(wb.read("matrices/\(Self.model)/training_matrix_built.csv"))
        let profile = try #require(wb.json("matrices/\(Self.model)/profile.json"))
        let sha = try #require(profile["matrix_sha"] as? String)
        #expect(sha.count == 64 && (profile["config_sha"] as? String)?.count == 64)
        let header = try #require(wb.matrix(Self.model).first)
        #expect(header.first == "ts" && header.contains("label") && header.last?.hasPrefix("outcome_") == true)
        let leakage = try #require(profile["leakage"] as? [String: Any])
        #expect(leakage["checked"] as? Bool == true)
        let again = wb.run(args)
        #expect(again.stdout.contains("skipped"), "\(again.stdout)")
        let forced = wb.run(args + ["--force"])
        #expect(forced.status == 0 && !forced.stdout.contains("skipped"))
        #expect(wb.read("matrices/\(Self.model)/training_matrix_built.csv") == csv)
        #expect(wb.json("matrices/\(Self.model)/profile.json")?["matrix_sha"] as? String == sha)
        let runs = try FileManager.default.contentsOfDirectory(atPath: wb.path("runs")).filter { $0 != "index.json" }
        #expect(runs.count == 3)
        let skipped = try #require(runs.sorted().compactMap { wb.json("runs/\($0)/build.json") }.first { $0["status"] as? String == "skipped" })
        #expect(skipped["reused_run"] as? String != nil)
    }

    /// 10:00 New York is 15:00Z before the March switch and after the November one, 14:00Z between.
    @Test func decisionsFollowDaylightSaving() throws {
        let wb = Workbench()
        wb.createModel()
        for (start, end, expected) in [("2024-03-08", "2024-03-11", ["2024-03-08T15:00:00Z", "2024-03-11T14:00:00Z"]),
                                       ("2024-11-01", "2024-11-04", ["2024-11-01T14:00:00Z", "2024-11-04T15:00:00Z"])] {
            let out = wb.run(["build", "--model", Self.model, "--start", start, "--end", end, "--force"])
            #expect(out.status == 0, "\(out.stderr)")
            let stamps = wb.matrix(Self.model).dropFirst().map { $0[0] }
            let firstOfDay = Dictionary(grouping: stamps) { $0.prefix(10) }.values.compactMap { $0.min() }.sorted()
            #expect(firstOfDay == expected)
        }
    }

    @Test func holidaysAndEarlyCloses() throws {
        let wb = Workbench()
        wb.createModel()
        let out = wb.run(["build", "--model", Self.model, "--start", "2024-07-01", "--end", "2024-07-05"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = wb.matrix(Self.model).dropFirst()
        let byDay = Dictionary(grouping: rows) { String($0[0].prefix(10)) }.mapValues(\.count)
        #expect(byDay == ["2024-07-01": 6, "2024-07-02": 6, "2024-07-03": 3, "2024-07-05": 6])
        let header = try #require(wb.matrix(Self.model).first)
        let end = try #require(header.firstIndex(of: "label_end_ts"))
        #expect(Set(rows.filter { $0[0].hasPrefix("2024-07-03") }.map { $0[end] }) == ["2024-07-03T17:00:00Z"])
        #expect(Set(rows.filter { $0[0].hasPrefix("2024-07-05") }.map { $0[end] }) == ["2024-07-05T20:00:00Z"])
    }

    /// Lean's SPY chains are end-of-day only: the preview says so for each session and the
    /// chain features are NaN (masked, never invented), which fails the QA gate.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "\(CLITests.repoRoot)/../shared/data/options/lean_spy_chains")))
    func endOfDayChainsAreReportedNotInvented() throws {
        let wb = Workbench()
        wb.createModel()
        let chains = "\(CLITests.repoRoot)/../shared/data/options/lean_spy_chains"
        let out = wb.run(["preview", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-01-05", "--chain", chains])
        #expect(out.status == 1)
        let report = try #require(wb.json("reports/preview_\(Self.model).json"))
        let warnings = report["warnings"] as? [String] ?? []
        for day in ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"] {
            #expect(warnings.contains { $0.contains("\(day): chain has only an end-of-day snapshot") }, "\(day): \(warnings)")
        }
        let nan = try #require(report["nan_summary"] as? [String: Double])
        #expect(nan["pin_distance"] == 100 && nan["drift_since_open"] == 0)
    }
}
