import Foundation
import Host
import Testing

/// `edgehost run --pack zeroedge` and the stages it chains, on the embedded simulated data.
@Suite(.serialized) struct PipelineTests {
    static let model = "spy_opt_0dte_hourly"
    static let artifact = "artifacts/\(model)/balanced"
    static let plots = ["equity", "drawdown", "hourly_pnl", "calibration", "importance"]

    /// One full run shared by the tests below (a year of simulated minutes).
    static let shared: (Workbench, CLITests.Output) = {
        let wb = Workbench()
        return (wb, wb.run(["run", "--pack", "zeroedge", "--run-id", "e2e-run"]))
    }()

    @Test func runChainsEveryStageAndSummarises() throws {
        let (wb, out) = Self.shared
        #expect(out.status == 0, "\(out.stderr)")
        for line in ["1. preview", "2. build", "3. train", "4. backtest", "5. alerts", "summary", "best      threshold", "gate      balanced",
                     "meaning   simulated SPY market with planted effects"] {
            #expect(out.stdout.contains(line), "missing '\(line)' in\n\(out.stdout)")
        }
        for file in ["model.json", "meta.json", "importance.json"] { #expect(wb.exists("\(Self.artifact)/\(file)")) }
        for plot in Self.plots {
            let svg = try #require(wb.read("plots/\(Self.model)/\(plot).svg"))
            #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        }
        #expect(wb.exists("live_data/\(Self.model)/signals.csv"))
        #expect(wb.exists("edgehost.sqlite"))
        // One run id for every stage: its folder has each stage's manifest and log.
        #expect(out.stdout.contains("run       e2e-run: runs/e2e-run/run_manifest.json"))
        let run = try #require(wb.json("runs/e2e-run/run_manifest.json"))
        let stages = (run["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
        #expect(stages == ["model", "preview", "build", "train-balanced", "backtest", "alerts"])
        for stage in stages.dropFirst() { #expect(wb.exists("runs/e2e-run/\(stage).json") && wb.exists("runs/e2e-run/\(stage).log")) }
        #expect(wb.exists("reports/backtest_\(Self.model)_trades.csv") && wb.exists("reports/backtest_\(Self.model)_daily_returns.csv"))
        // Fair options, planted effects, one year: a small honest edge (README, "What its numbers mean").
        #expect(out.stdout.contains("best threshold 0.55: 49 trades"), "\(out.stdout)")

        let meta = try #require(wb.json("\(Self.artifact)/meta.json"))
        let lineage = try #require(meta["lineage"] as? [String: Any])
        let matrixSHA = try Hashing.sha256(path: wb.path("matrices/\(Self.model)/training_matrix_built.csv"))
        #expect(lineage["matrix_sha"] as? String == matrixSHA)
        for key in ["config_sha", "policy_sha", "risk_sha"] { #expect((lineage[key] as? String)?.count == 64) }
        #expect((meta["label_encoder"] as? [String: Any])?["classes"] as? [String] == ["DOWN", "FLAT", "UP"])
        #expect(meta["xgboost_version"] as? String == "1.7.4")
        #expect((meta["policy"] as? [String: Any])?["allowed_hours"] as? [Int] == [13, 14, 15])

        let report = try #require(wb.json("reports/backtest_\(Self.model).json"))
        #expect((report["folds"] as? [Any])?.count == 5)
        #expect((report["configurations"] as? [[String: Any]])?.map { $0["threshold"] as? Double } == [0.55, 0.6, 0.65])
        let gates = try #require(report["gates"] as? [[String: Any]])
        #expect(gates.map { $0["risk_profile"] as? String } == ["conservative", "balanced", "aggressive"])
        for gate in gates where gate["status"] as? String == "fail" { #expect(!((gate["reasons"] as? [String]) ?? []).isEmpty) }
        #expect((report["plots"] as? [String: String])?["equity"] == "plots/\(Self.model)/equity.svg")
        // Only allowed hours trade, out of sample.
        for config in report["configurations"] as? [[String: Any]] ?? [] {
            for hour in config["hours"] as? [[String: Any]] ?? [] { #expect([13, 14, 15].contains(hour["hour"] as? Int ?? -1)) }
        }
    }

    @Test func rerunSkipsAndNeverDuplicatesSignals() throws {
        let (wb, _) = Self.shared
        let signals = wb.read("live_data/\(Self.model)/signals.csv")
        let report = wb.read("reports/backtest_\(Self.model).json")
        let again = wb.run(["run", "--pack", "zeroedge"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("train \(Self.model)-balanced: inputs unchanged") || again.stdout.contains("train-balanced \(Self.model): inputs unchanged"))
        #expect(again.stdout.contains("backtest \(Self.model): inputs unchanged"))
        #expect(again.stdout.contains(", 0 new"))
        #expect(wb.read("live_data/\(Self.model)/signals.csv") == signals)
        #expect(wb.read("reports/backtest_\(Self.model).json") == report)
        let rows = (signals ?? "").split(separator: "\n").dropFirst()
        #expect(Set(rows.map { $0.split(separator: ",").last! }).count == rows.count)
    }

    @Test func trainingIsByteIdenticalWhenForced() throws {
        let (wb, _) = Self.shared
        let before = try #require(wb.read("\(Self.artifact)/model.json"))
        let meta = wb.read("\(Self.artifact)/meta.json")
        let out = wb.run(["train", "--model", Self.model, "--risk-profile", "Balanced", "--allowed-hours", "13,14,15", "--force"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(wb.read("\(Self.artifact)/model.json") == before)
        #expect(wb.read("\(Self.artifact)/meta.json") == meta)
    }

    /// Python's xgboost (pinned in Tests/oracles/requirements.txt) loads our model.json and predicts as we do.
    @Test func pythonXGBoostPredictsTheSameProbabilities() throws {
        let (wb, _) = Self.shared
        let matrixPath = wb.path("matrices/\(Self.model)/training_matrix_built.csv")
        let out = CLITests.run("/usr/bin/env", ["python3", "\(CLITests.repoRoot)/Tests/oracles/xgboost_predict.py", wb.path(Self.artifact), matrixPath])
        #expect(out.status == 0, "\(out.stderr)")
        let oracle = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let rows = try #require(oracle["rows"] as? [Int])
        let theirs = try #require(oracle["probabilities"] as? [[Double]])
        let artifact = try ModelArtifact(folder: wb.path(Self.artifact))
        let matrix = try Matrix.read(path: matrixPath)
        #expect(rows == TradingHours.rows(matrix, allowed: [13, 14, 15]))
        let ours = try artifact.probabilities(matrix, rows: rows)
        #expect(ours.count == theirs.count && ours.count > 500)
        let diff = zip(ours, theirs).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? .infinity
        #expect(diff < 1e-6, "max |ours − python| = \(diff)")
    }

    @Test func aThresholdAboveEveryProbabilityGivesACleanEmptyReport() throws {
        let (wb, _) = Self.shared
        let out = wb.run(["backtest", "--model", Self.model, "--thresholds", "0.999", "--splits", "3"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("no threshold produced a trade"))
        let report = try #require(wb.json("reports/backtest_\(Self.model).json"))
        let config = try #require((report["configurations"] as? [[String: Any]])?.first)
        #expect((config["metrics"] as? [String: Any])?["trades"] as? Int == 0)
        #expect(report["best"] is NSNull)
        #expect(try #require(wb.read("plots/\(Self.model)/equity.svg")).contains("no trades"))
        // Every profile fails, saying why.
        for gate in report["gates"] as? [[String: Any]] ?? [] {
            #expect(gate["status"] as? String == "fail")
            #expect(!((gate["reasons"] as? [String]) ?? []).isEmpty)
        }
    }

    @Test func aModelWithoutItsArtifactIsAClearError() {
        let (wb, _) = Self.shared
        let out = wb.run(["alerts", "--model", Self.model, "--risk-profile", "conservative"])
        #expect(out.status == 65)
        #expect(out.stderr.contains("no trained model at") && out.stderr.contains("artifacts/\(Self.model)/conservative"))
        #expect(out.stderr.contains("edgehost train"))
        let unknown = wb.run(["train", "--model", Self.model, "--risk-profile", "reckless"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no risk profile 'reckless'") && unknown.stderr.contains("balanced"))
        let hours = wb.run(["backtest", "--model", Self.model, "--allowed-hours", "13,25"])
        #expect(hours.status != 0 && hours.stderr.contains("--allowed-hours"))
    }

    @Test func aTodayBuildScoresTheNewestSessionOnce() throws {
        let wb = Workbench()
        #expect(wb.createModel().status == 0)
        #expect(wb.run(["build", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-06-28"]).status == 0)
        #expect(wb.run(["train", "--model", Self.model]).status == 0)
        let today = ["EDGEHOST_TODAY": "2024-07-01"]
        let build = wb.run(["build", "--model", Self.model, "--start", "today", "--end", "today"], environment: today)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(wb.matrix(Self.model).count == 7)
        let first = wb.run(["alerts", "--model", Self.model, "--threshold", "0.34", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(summary["session"] as? String == "2024-07-01")
        let signals = try #require(wb.read("live_data/\(Self.model)/signals.csv"))
        let lines = signals.split(separator: "\n")
        #expect(lines.first == "ts,model_id,model_version,action,probability,threshold,hour,key,route")
        // The balanced profile allows two trades a day, in the hours 13–15 (17:00–19:00Z in July).
        #expect(lines.count - 1 == summary["signals"] as? Int && lines.count - 1 <= 2)
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("2024-07-01T17") || line.hasPrefix("2024-07-01T18") || line.hasPrefix("2024-07-01T19"))
        }
        let again = wb.run(["alerts", "--model", Self.model, "--threshold", "0.34", "--json"])
        #expect(again.stdout.contains("\"added\" : 0"))
        #expect(wb.read("live_data/\(Self.model)/signals.csv") == signals)
        // A Saturday has no session: a clear error, and the matrix is left alone.
        let weekend = wb.run(["build", "--model", Self.model, "--start", "today", "--end", "today"], environment: ["EDGEHOST_TODAY": "2024-07-06"])
        #expect(weekend.status == 65)
        #expect(weekend.stderr.contains("no decisions in 2024-07-06..2024-07-06"))
        #expect(wb.matrix(Self.model).count == 7)
    }
}
