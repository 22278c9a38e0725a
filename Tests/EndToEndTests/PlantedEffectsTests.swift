import Foundation
import Testing

/// Issue 14's proof that the demo's numbers are skill: a three-year walk-forward backtest of v1
/// on the simulated market finds nothing without planted effects and finds the pin drift with
/// them (effects in Plugins/zeroedge/docs/data.md, "Planted effects").
@Suite struct PlantedEffectsTests {
    static let model = "spy_opt_0dte_hourly"

    /// Builds 2022–2024 and backtests the hours 13–15 at one threshold on 3 splits. The chain is
    /// simulated every 30 minutes: the whole-hour decisions see the same snapshots as with the
    /// default 5 (same matrix bytes), and the debug build takes ~13 s of CPU instead of ~26 s.
    static func backtest(effects: String) throws -> [String: Any] {
        let wb = Workbench()
        #expect(wb.createModel(["--adapter-param", "effects=\(effects)", "--adapter-param", "chain_minutes=30"]).status == 0)
        let build = wb.run(["build", "--model", model, "--start", "2022-01-03", "--end", "2024-12-31"])
        #expect(build.status == 0, "\(build.stderr)")
        let out = wb.run(["backtest", "--model", model, "--allowed-hours", "13,14,15", "--thresholds", "0.55", "--splits", "3"])
        #expect(out.status == 0, "\(out.stderr)")
        print(out.stdout)
        return try #require(wb.json("reports/backtest_\(model).json"))
    }

    static func deflatedSharpe(_ report: [String: Any]) -> Double {
        (report["best"] as? [String: Any])?["deflated_sharpe"] as? Double ?? .nan
    }

    @Test func withoutEffectsTheBacktestFindsNothing() throws {
        let report = try Self.backtest(effects: "none")
        let gates = try #require(report["gates"] as? [[String: Any]])
        let allFail = gates.allSatisfy { $0["status"] as? String == "fail" }
        #expect(allFail || Self.deflatedSharpe(report) < 0.5, "deflated Sharpe \(Self.deflatedSharpe(report)), gates \(gates)")
    }

    @Test func withTheDefaultEffectsItFindsThePinDriftOutOfSample() throws {
        let report = try Self.backtest(effects: "default")
        #expect(Self.deflatedSharpe(report) > 0.9, "deflated Sharpe \(Self.deflatedSharpe(report))")
        let importance = try #require(report["importance"] as? [[String: Any]])
        #expect(importance.first?["feature"] as? String == "pin_distance", "\(importance)")
    }
}
