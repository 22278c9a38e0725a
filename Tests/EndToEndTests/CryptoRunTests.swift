import Foundation
import Testing

/// `edgehost run --pack crypto` on January 2024 of the simulated market: with the planted
/// effects on, every planted event × horizon passes the false-discovery gate and no control
/// does; with them off nothing passes and the shipped strategies lose their costs
/// (Plugins/crypto/docs/data.md, "Planted effects").
@Suite struct CryptoRunTests {
    static func run(effects: String) throws -> (CLITests.Output, String) {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-crypto-\(UUID().uuidString)").path
        let out = CLITests.run("\(CLITests.buildDir)/edgehost", ["run", "--pack", "crypto", "--workspace", workspace, "--run-id", "jan",
                                                                  "--start", "2024-01-01", "--end", "2024-01-31", "--adapter-param", "effects=\(effects)"])
        return (out, workspace)
    }

    @Test func findsThePlantedEffectsAndNoControl() throws {
        let (out, workspace) = try Self.run(effects: "all")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        #expect(out.status == 0, "\(out.stderr)")
        for effect in ["VOL_SHOCK mean_revert 3 bars found", "VOL_SHOCK mean_revert 6 bars found",
                       "LIQUIDITY_DISLOCATION mean_revert 3 bars found", "LIQUIDITY_DISLOCATION mean_revert 6 bars found",
                       "VOLUME_BURST nothing passes", "FUNDING_EXTREME nothing passes"] {
            #expect(out.stdout.contains(effect), "\(effect) missing from:\n\(out.stdout)")
        }
        let candidates = try String(contentsOfFile: "\(workspace)/reports/phase2/jan/VOL_SHOCK/candidates.csv", encoding: .utf8)
        #expect(candidates.hasPrefix("event_type,horizon,verb,state,n_events,gross_bps,cost_bps,net_bps"))
        let blueprints = try String(contentsOfFile: "\(workspace)/reports/strategy_blueprints/jan/blueprints.jsonl", encoding: .utf8)
        let lines = blueprints.split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { !$0.contains("VOLUME_BURST") && !$0.contains("FUNDING_EXTREME") })
        #expect(FileManager.default.fileExists(atPath: "\(workspace)/reports/strategies/jan/vol_shock_mr_v1.json"))
    }

    @Test func withoutEffectsNothingPassesAndTheStrategiesLoseTheirCosts() throws {
        let (out, workspace) = try Self.run(effects: "none")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("passing the false-discovery gate (BH, n, after-cost > 0): 0"), "\(out.stdout)")
        #expect(!out.stdout.contains("bars found"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(workspace)/reports/strategies/jan/vol_shock_mr_v1.json")))
        let metrics = (report as? [String: Any])?["metrics"] as? [String: Any]
        let total = try #require(metrics?["total_return"] as? Double, "\(String(describing: report))")
        #expect(total < 0)
    }
}
