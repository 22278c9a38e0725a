import Foundation
import Testing

/// The whole chain on the real SPY 2024 bars (with the simulated chain): the report, the model
/// and the plots are the same bytes when everything is recomputed.
@Suite(.enabled(if: Workbench.hasSPY, "needs ../shared/data/spy/SPY_1m_2024.csv"))
struct RealDataPipelineTests {
    static let model = "spy_opt_0dte_hourly"

    @Test func trainAndBacktestAreReproducibleByteForByte() throws {
        let wb = Workbench()
        #expect(wb.createModel(["--adapter", "csv", "--source", Workbench.spy, "--chain", "sim"]).status == 0)
        let build = wb.run(["build", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-12-31"])
        #expect(build.status == 0, "\(build.stderr)")
        let outputs = ["artifacts/\(Self.model)/balanced/model.json", "artifacts/\(Self.model)/balanced/meta.json",
                       "artifacts/\(Self.model)/balanced/importance.json", "reports/backtest_\(Self.model).json",
                       "plots/\(Self.model)/equity.svg", "plots/\(Self.model)/calibration.svg", "plots/\(Self.model)/importance.svg"]
        func chain(_ extra: [String]) -> [String?] {
            let train = wb.run(["train", "--model", Self.model] + extra)
            #expect(train.status == 0, "\(train.stderr)")
            let backtest = wb.run(["backtest", "--model", Self.model, "--splits", "4"] + extra)
            #expect(backtest.status == 0, "\(backtest.stderr)")
            return outputs.map(wb.read)
        }
        let first = chain([])
        #expect(first.allSatisfy { $0 != nil })
        #expect(chain(["--force"]) == first)
        let report = try #require(wb.json("reports/backtest_\(Self.model).json"))
        #expect((report["folds"] as? [Any])?.count == 4)
        #expect((report["predictions"] as? Int ?? 0) > 300)
    }

    /// Two months of real bars: five splits would train fold 1 on a week, so the backtest uses
    /// fewer folds and says so; two weeks are too short for even one fold, and that is the error.
    @Test func shortDataBacktestsWithFewerFolds() throws {
        let wb = Workbench()
        #expect(wb.createModel(["--adapter", "csv", "--source", Workbench.spy]).status == 0)
        let build = wb.run(["build", "--model", Self.model, "--start", "2024-05-01", "--end", "2024-06-28"])
        #expect(build.status == 0, "\(build.stderr)")
        let out = wb.run(["backtest", "--model", Self.model])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try #require(wb.json("reports/backtest_\(Self.model).json"))
        #expect(report["splits_requested"] as? Int == 5 && report["splits_used"] as? Int == 2)
        #expect((report["folds"] as? [Any])?.count == 2)
        let note = try #require(report["splits_note"] as? String)
        #expect(note == "--splits 5 asked, 2 used: with 5, fold 1 would train on 15 rows over 5 sessions after purging (the minimum is 30 rows over 10 sessions)", "\(note)")
        #expect(out.stdout.contains("2 folds (--splits 5 asked, 2 used"), "\(out.stdout)")
        #expect((report["min_training"] as? [String: Int]) == ["rows": 30, "sessions": 10])

        let short = wb.run(["build", "--model", Self.model, "--start", "2024-06-03", "--end", "2024-06-14"])
        #expect(short.status == 0, "\(short.stderr)")
        let refused = wb.run(["backtest", "--model", Self.model])
        #expect(refused.status == 65 && refused.stderr.contains("too little data for a walk-forward: 30 rows over 10 sessions"), "\(refused.stderr)")
    }
}
