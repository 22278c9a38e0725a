import Foundation
@testable import Host
import Indicators
import MarketKit
import PackKit
import Testing

/// The zerodteput pack through the host: `run --pack zerodteput` on a month of the simulated
/// market (preview → build → train BREACHED/SAFE → backtest → alerts keyed by strike) and the
/// model against the N(−d2) baseline out of sample.
@Suite(.serialized) struct ZeroDTEPutPipelineTests {
    static let catalogue: Result<PackCatalogue, any Error> = Result { try Fixtures.catalogue([Fixtures.swiftPack("zerodteput")]) }

    static func run(effects: String) -> Result<(Workspace, PipelineRun.Outcome), any Error> {
        Result {
            let ws = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-zerodteput-\(effects)-\(UUID().uuidString)").path)
            var run = PipelineRun(pack: "zerodteput")
            run.runID = "zerodteput"
            run.adapterParams = ["effects": .string(effects)]
            run.start = MarketDate.parse("2024-04-01")!
            run.end = MarketDate.parse("2024-05-10")!
            run.registry = ws.root + "/registry-none"
            return (ws, try run.run(catalogue: try catalogue.get(), workspace: ws))
        }
    }
    static let withEffects = run(effects: "all")

    @Test func runTrainsBacktestsAndAlertsOnTheLadder() throws {
        let (ws, outcome) = try Self.withEffects.get()
        #expect(outcome.stoppedBy == nil)
        let statuses: [String?] = [outcome.preview.status, outcome.build?.status, outcome.trained?.status, outcome.backtest?.status]
        #expect(statuses.allSatisfy { $0 != nil && $0 != "fail" }, "\(statuses)")
        let matrix = try ws.builtMatrix(outcome.modelID).read()
        #expect(Set(matrix.labels) == ["BREACHED", "SAFE"])
        let keys = try #require(matrix.keys)
        #expect(keys.allSatisfy { $0.range(of: #"^P\d{6}$"#, options: .regularExpression) != nil })
        // A ladder: several strikes at one instant.
        #expect(zip(matrix.ts, matrix.ts.dropFirst()).filter { $0 == $1 }.count > matrix.rowCount / 2)
        #expect(matrix.featureNames.contains("x_rn_breach") && matrix.featureNames.contains("x_distance_sd"))
        let artifact = try ModelArtifact(folder: try ws.artifactFolder(outcome.modelID, riskProfile: "balanced"))
        #expect(artifact.encoder.classes == ["BREACHED", "SAFE"])
        #expect(outcome.alerts?.signals.allSatisfy { $0.decisionKey != nil && $0.action == "sell_put" } == true)
    }

    /// The model against the risk-neutral baseline N(−d2) on the walk-forward's out-of-sample
    /// predictions (Brier scores): the baseline overstates breaches (the premium and the skew).
    @Test func modelBeatsTheRiskNeutralBaselineOutOfSample() throws {
        let (ws, outcome) = try Self.withEffects.get()
        let matrix = try ws.builtMatrix(outcome.modelID).read()
        var policy = TrainingPolicy()
        policy.allowedHours = Array(10...15)
        let walk = try WalkForwardRun(matrix: matrix, policy: policy, splits: 5, minimum: .standard,
                                      declaredActions: ["SAFE": "sell_put", "BREACHED": "none"], progress: .silent)
        let oos = walk.oos.predictions
        #expect(oos.count > 300)
        let p = oos.map { $0.label == "BREACHED" ? $0.probability : 1 - $0.probability }
        let breached = oos.map { matrix.labels[$0.row] == "BREACHED" }
        let rn = try #require(matrix.featureNames.firstIndex(of: "x_rn_breach"))
        func brier(_ q: [Double]) -> Double { zip(q, breached).map { ($0 - ($1 ? 1 : 0)) * ($0 - ($1 ? 1 : 0)) }.reduce(0, +) / Double(q.count) }
        let model = brier(p), baseline = brier(oos.map { matrix.features[rn][$0.row] })
        #expect(model < baseline, "model Brier \(model) vs N(-d2) \(baseline)")
    }
}
