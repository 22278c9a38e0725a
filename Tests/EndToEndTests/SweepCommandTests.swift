import Foundation
import Testing

/// `edgehost sweep` and `edgehost smoke` on the embedded simulated data.
@Suite(.serialized) struct SweepCommandTests {
    static let model = "spy_opt_0dte_hourly"

    /// A model with 2024 built.
    static let workbench: Workbench = {
        let wb = Workbench()
        _ = wb.createModel()
        _ = wb.run(["build", "--model", model, "--start", "2024-01-02", "--end", "2024-12-31"])
        return wb
    }()

    @Test func aSweepConfigurationEqualsTheBacktestOfIt() throws {
        let wb = Self.workbench
        let common = ["--model", Self.model, "--allowed-hours", "13,14", "--risk-profile", "Aggressive", "--splits", "3"]
        let backtest = wb.run(["backtest", "--thresholds", "0.4", "--top-pct", "0.5"] + common)
        #expect(backtest.status == 0, "\(backtest.stderr)")
        let sweep = wb.run(["sweep", "--thresholds", "0.4,0.45", "--top-pct", "0.5,1.0", "--tag", "eq"] + common)
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.contains("12 configurations") && sweep.stdout.contains("5 folds") == false)
        let single = try #require((wb.json("reports/backtest_\(Self.model).json")?["configurations"] as? [[String: Any]])?.first)
        let metrics = try #require(single["metrics"] as? [String: Any])
        let report = try #require(wb.json("reports/sweep_\(Self.model)_eq.json"))
        #expect(report["configurations_tried"] as? Int == 12)
        #expect(((report["pbo"] as? [String: Any])?["combinations"] as? Int ?? 0) > 0)
        let rows = try #require(report["ranking"] as? [[String: Any]])
        #expect(rows.count == 12)
        let same = try #require(rows.first {
            $0["hours"] as? [Int] == [13, 14] && $0["threshold"] as? Double == 0.4 && $0["top_pct"] as? Double == 0.5
        })
        for key in ["trades", "win_rate", "total_return", "sharpe", "sortino", "max_drawdown", "calmar"] {
            #expect("\(same[key] ?? "nil")" == "\(metrics[key] ?? "nil")", "\(key)")
        }
        #expect("\(same["fold_sharpe_spread"] ?? "nil")" == "\(single["fold_sharpe_spread"] ?? "nil")")
        // Every row carries its gate verdict; failures say why.
        for row in rows {
            let gate = try #require(row["gate"] as? [String: Any])
            if gate["status"] as? String == "fail" { #expect(!((gate["reasons"] as? [String]) ?? []).isEmpty) }
        }
        let again = wb.run(["sweep", "--thresholds", "0.4,0.45", "--top-pct", "0.5,1.0", "--tag", "eq"] + common)
        #expect(again.stdout.contains("inputs unchanged"))
    }

    @Test func riskBudgetsCanBeOverridden() throws {
        let wb = Self.workbench
        try wb.write("threshold_floor: 0.7\nmax_trades_per_day: 1\n", to: "budgets.yaml")
        let out = wb.run(["backtest", "--model", Self.model, "--thresholds", "0.7", "--splits", "3", "--risk-profile", "balanced",
                          "--risk-file", wb.path("budgets.yaml"), "--risk-param", "position_size=0.05"])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try #require(wb.json("reports/backtest_\(Self.model).json"))
        let budgets = try #require((report["risk_profile"] as? [String: Any])?["budgets"] as? [String: Any])
        #expect(budgets["threshold_floor"] as? Double == 0.7)
        #expect(budgets["max_trades_per_day"] as? Double == 1)
        #expect(budgets["position_size"] as? Double == 0.05)
        let bad = wb.run(["backtest", "--model", Self.model, "--risk-param", "threshold_floor=2"])
        #expect(bad.status != 0 && bad.stderr.contains("threshold_floor"))
    }

    @Test func smokeTrainsOnlyWhenTheGuardrailsPass() throws {
        let wb = Workbench()
        #expect(wb.createModel().status == 0)
        let failing = wb.run(["smoke", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-12-31", "--splits", "3",
                              "--min-sharpe", "50", "--min-trades", "5", "--thresholds", "0.4"])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("guardrails failed, nothing trained"))
        #expect(failing.stdout.contains("< 50.00"))
        #expect(failing.stdout.contains("label balance DOWN"))
        #expect(!wb.exists("artifacts") && !wb.exists("registry"))
        // On one year at a threshold of 0.40 the model trades mostly noise against a fair chain
        // (Sharpe ≈ −1.5 even with the planted effects), so this case tests the smoke mechanics
        // with a floor the strategy clears.
        let passing = wb.run(["smoke", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-12-31", "--splits", "3",
                              "--min-sharpe=-5", "--min-trades", "5", "--thresholds", "0.4"])
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("guardrails passed"))
        #expect(wb.exists("artifacts/\(Self.model)/balanced/model.json"))
        #expect(passing.stdout.contains("registered \(Self.model)@v1"))
        #expect(wb.exists("registry/\(Self.model)/v1/model.json"))
        let again = wb.run(["smoke", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-12-31", "--splits", "3",
                            "--min-sharpe=-5", "--min-trades", "5", "--thresholds", "0.4"])
        #expect(again.status == 0 && again.stdout.contains("already registered as \(Self.model)@v1"))
    }

    @Test(.enabled(if: Workbench.hasSPY, "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func sweepRulesRanksEveryConfigurationAndWritesItsReport() throws {
        let wb = Workbench()
        let args = ["sweep-rules", "--bars", Workbench.spy, "--signal", "zscore:60", "--thresholds", "1,1.5,2", "--holds", "5,10",
                    "--start", "2024-04-01", "--end", "2024-04-30"]
        let out = CLITests.run("\(CLITests.buildDir)/edgehost", args + ["--out", wb.path("rules.json")])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("6 configurations tried") && out.stdout.contains("best: threshold"))
        let report = try #require(wb.json("rules.json"))
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.count == 6 && report["configs"] as? Int == 6)
        // A higher entry threshold never trades more often with the same hold.
        for hold in [5, 10] {
            let trades = results.filter { $0["hold"] as? Int == hold }.sorted { ($0["threshold"] as! Double) < ($1["threshold"] as! Double) }.map { $0["trades"] as! Int }
            #expect(trades == trades.sorted(by: >))
        }
        let first = wb.read("rules.json")
        #expect(CLITests.run("\(CLITests.buildDir)/edgehost", args + ["--out", wb.path("rules.json")]).status == 0)
        #expect(wb.read("rules.json") == first)
        let bad = CLITests.run("\(CLITests.buildDir)/edgehost", ["sweep-rules", "--bars", "/etc/hostname", "--signal", "zscore:60", "--thresholds", "1", "--holds", "5"])
        #expect(bad.status == 65 && bad.stderr.contains("/etc/hostname"))
        let signal = CLITests.run("\(CLITests.buildDir)/edgehost", ["sweep-rules", "--bars", Workbench.spy, "--signal", "magic:3", "--thresholds", "1", "--holds", "5"])
        #expect(signal.status != 0 && signal.stderr.contains("magic"))
    }
}
