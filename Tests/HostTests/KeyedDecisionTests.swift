import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// Several decisions at one instant (`RowFeatures`): the C test pack "keyedcme"
/// (Tests/Fixtures/packs/keyed) keys two round levels at every 12th bar, adds a row feature
/// `x_level_dist` and a QA fact `qa_close`; its `leak: 1` variant adds `x_peek`, which reads the
/// next bar and must be refused.
@Suite(.serialized) struct KeyedDecisionTests {
    static let catalogue: Result<PackCatalogue, any Error> = Result { try Fixtures.catalogue([try Fixtures.cPack("market_keyed")]) }

    /// Two weeks built with every causality check (the whole pipeline on keyed rows is
    /// ES0DTEPipelineTests' run).
    static let built: Result<(Workspace, String), any Error> = Result {
        let ws = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-keyed-\(UUID().uuidString)").path)
        let packs = try Self.catalogue.get()
        let defaults = try PackDefaults(pack: try packs.pack("keyedcme"))
        let config = try ModelConfig(json: .object(["pack": .string("keyedcme")]), context: "test") { _ in defaults }
        let plan = try ModelPlan(config: config, catalogue: packs, workspace: ws)
        let stages = MatrixStages(workspace: ws, ledger: RunLedger(workspace: ws, runID: "keyed"))
        _ = try stages.build(plan, start: MarketDate.parse("2024-03-04")!, end: MarketDate.parse("2024-03-15")!)
        return (ws, config.modelID)
    }

    @Test func twoKeyedRowsAtOneInstant() throws {
        let (ws, model) = try Self.built.get()
        let built = try ws.builtMatrix(model)
        let matrix = try built.read()
        let keys = try #require(matrix.keys)
        // The header: ts, key, the set's features, then the labeler's row feature.
        let header = try #require(String(contentsOfFile: built.path, encoding: .utf8).split(separator: "\n").first)
        #expect(header == "ts,key,mom_6,range,rsi_14,x_level_dist,label,label_end_ts,outcome_long,outcome_short,outcome_flat")
        // Instants with two rows: HIGH@… then LOW@…, ten points apart; strictly increasing (ts, key).
        var pairs = 0
        for i in 1..<matrix.rowCount {
            #expect(matrix.ts[i] > matrix.ts[i - 1] || (matrix.ts[i] == matrix.ts[i - 1] && keys[i] > keys[i - 1]))
            guard matrix.ts[i] == matrix.ts[i - 1] else { continue }
            pairs += 1
            #expect(keys[i - 1].hasPrefix("HIGH@") && keys[i].hasPrefix("LOW@"))
            let high = Double(keys[i - 1].dropFirst(5)) ?? .nan, low = Double(keys[i].dropFirst(4)) ?? .nan
            #expect(high - low == 10)
            // The same bar's features, a different row feature: distance to its own level.
            let dist = try #require(matrix.featureNames.firstIndex(of: "x_level_dist"))
            #expect(matrix.features[0][i] == matrix.features[0][i - 1] && matrix.features[dist][i] > matrix.features[dist][i - 1])
        }
        #expect(pairs > 50 && abs(pairs * 3 - matrix.rowCount) <= 3, "\(pairs) of \(matrix.rowCount)")
        // The profile: the row feature was checked at decision-time cuts; the QA fact summarised.
        let profile = try JSON.parse(try String(contentsOfFile: try ws.profileFile(model), encoding: .utf8))
        #expect(profile["leakage"]?["row_features"]?["features"] == .strings(["x_level_dist"]))
        #expect((profile["leakage"]?["row_features"]?["decisions_compared"]?.intValue ?? 0) > 100)
        let close = try #require(profile["qa_facts"]?["qa_close"])
        #expect((close["min"]?.doubleValue ?? 0) > 4000 && (close["max"]?.doubleValue ?? 0) < 6000)
        #expect(profile["decision_key"]?.stringValue == "key")
    }

    /// Every row of one instant lands in the same walk-forward block (blocks are whole days).
    @Test func rowsOfOneInstantShareAFold() throws {
        let (ws, model) = try Self.built.get()
        let matrix = try ws.builtMatrix(model).read()
        for fold in try WalkForward.folds(matrix, rows: Array(0..<matrix.rowCount), splits: 3, embargo: 0) {
            let test = Set(fold.testRows.map { matrix.ts[$0] })
            #expect(fold.trainRows.allSatisfy { !test.contains(matrix.ts[$0]) })
            let rows = Set(fold.testRows)
            #expect((0..<matrix.rowCount).filter { test.contains(matrix.ts[$0]) }.allSatisfy(rows.contains))
        }
    }

    /// signals.csv carries the decision key, and two calls at one instant are two signals.
    @Test func signalsAreKeyedByDecision() throws {
        let a = Signal(ts: 1, modelID: "m", modelVersion: "v1", action: "long", probability: 0.7, threshold: 0.6, hour: 8, decisionKey: "HIGH@5010")
        var b = a
        b.decisionKey = "LOW@5000"
        #expect(a.key != b.key)
        let plain = Signal(ts: 1, modelID: "m", modelVersion: "v1", action: "long", probability: 0.7, threshold: 0.6, hour: 8)
        // Unkeyed decisions keep the key they always had.
        #expect(plain.key == String(Hashing.sha256("m|v1|\(Timestamps.iso(1))|long").prefix(16)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("signals-\(UUID().uuidString).csv").path
        #expect(try SignalsFile.append([a, b], to: path) == 2)
        #expect(try SignalsFile.append([b], to: path) == 0)
        let rows = try SignalsFile.read(path)
        #expect(rows.map(\.decisionKey) == ["HIGH@5010", "LOW@5000"])
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(SignalsFile.keyedHeader + "\n"))
    }

    /// A row feature that reads the next bar fails the build, by name, and nothing is written.
    @Test func leakyRowFeatureIsRefused() throws {
        let ws = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-keyed-leak-\(UUID().uuidString)").path)
        let config = try ModelConfig(modelID: "keyed_leak", pack: "keyedcme", ticker: "SIM", assetType: "fut", horizon: "30m", cadence: "5m",
                                     indicatorSet: "keyedcme_v1", adapter: ComponentRef(pack: "keyedcme", id: "sim"),
                                     labeler: ComponentRef(pack: "keyedcme", id: "levels", params: ["leak": .number(1)]))
        let plan = try ModelPlan(config: config, catalogue: try Self.catalogue.get(), workspace: ws)
        do {
            _ = try MatrixBuilder(plan: plan).build(start: MarketDate.parse("2024-03-04")!, end: MarketDate.parse("2024-03-08")!, checkCausality: true)
            Issue.record("the leaky row feature was not caught")
        } catch let error as CausalityError {
            #expect(error.message.contains("row feature 'x_peek'") && error.message.contains("uses future data"), "\(error)")
        }
        // Without the check (preview) it builds: the refusal is the check's, not a crash.
        let build = try MatrixBuilder(plan: plan).build(start: MarketDate.parse("2024-03-04")!, end: MarketDate.parse("2024-03-08")!, checkCausality: false)
        #expect(build.matrix.featureNames.contains("x_peek"))
    }
}
