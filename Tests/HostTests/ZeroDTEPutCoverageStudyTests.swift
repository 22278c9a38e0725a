import Foundation
@testable import Host
import Indicators
import MarketKit
import PackKit
import Testing

/// The coverage study of Plugins/zerodteput/docs/policy.md ("Coverage on fresh sessions"), run
/// whole: seven training windows, each checked on the two fresh simulated years fixed before the
/// first measurement (A = seed + 1 over 2023, B = the window's seed over 2024-10-01…2025-09-30),
/// 140 calibration bins in all. The acceptance's "the realised breach rate falls inside the
/// interval of ≥ 90 % of calibration bins" is asserted on all of them together: one check's ten
/// bins share its sessions and miss together, so a single check is a draw, not a measurement.
@Suite struct ZeroDTEPutCoverageStudyTests {
    struct Window: Sendable, CustomStringConvertible {
        let start: String, end: String, effects: String, seed: Int
        /// Bins covered of 10, as the table in policy.md: model on A, B; N(−d2) on A, B.
        let model: (Int, Int), baseline: (Int, Int)
        var description: String { "\(start)…\(end) \(effects) seed \(seed)" }
    }

    static let windows = [
        Window(start: "2024-04-01", end: "2024-05-10", effects: "vrp", seed: 5, model: (10, 10), baseline: (10, 10)),
        Window(start: "2024-02-01", end: "2024-05-31", effects: "vrp", seed: 5, model: (7, 10), baseline: (10, 10)),
        Window(start: "2024-06-03", end: "2024-09-30", effects: "vrp", seed: 5, model: (10, 7), baseline: (10, 7)),
        Window(start: "2024-02-01", end: "2024-05-31", effects: "none", seed: 5, model: (8, 10), baseline: (10, 10)),
        Window(start: "2024-02-01", end: "2024-05-31", effects: "all", seed: 5, model: (8, 10), baseline: (10, 10)),
        Window(start: "2024-02-01", end: "2024-03-29", effects: "vrp", seed: 5, model: (10, 10), baseline: (10, 10)),
        Window(start: "2024-02-01", end: "2024-05-31", effects: "vrp", seed: 7, model: (9, 9), baseline: (10, 10)),
    ]

    /// One window: `run --pack zerodteput` on it, then `calibration check` on A and B.
    static func check(_ w: Window) throws -> [CalibrationCheck.Outcome] {
        let catalogue = try ZeroDTEPutPipelineTests.catalogue.get()
        let ws = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-coverage-\(UUID().uuidString)").path)
        defer { try? FileManager.default.removeItem(atPath: ws.root) }
        var run = PipelineRun(pack: "zerodteput")
        run.runID = "coverage"
        run.adapterParams = ["effects": .string(w.effects), "seed": .number(Double(w.seed))]
        (run.start, run.end) = (MarketDate.parse(w.start)!, MarketDate.parse(w.end)!)
        run.registry = ws.root + "/registry"
        let outcome = try run.run(catalogue: catalogue, workspace: ws)
        let context = try ModelContext(workspace: ws, catalogue: catalogue, model: outcome.modelID)
        return try [("2023-01-03", "2023-12-29", w.seed + 1), ("2024-10-01", "2025-09-30", w.seed)].map { start, end, seed in
            var check = CalibrationCheck(context: context, start: MarketDate.parse(start)!, end: MarketDate.parse(end)!)
            check.registry = ws.root + "/registry"
            check.seed = seed
            return try check.run()
        }
    }

    @Test func intervalsCoverNinetyPercentOfTheStudysBins() throws {
        let results = Slots<Result<[CalibrationCheck.Outcome], any Error>>(Self.windows.count)
        DispatchQueue.concurrentPerform(iterations: Self.windows.count) { i in _ = results.set(i, Result { try Self.check(Self.windows[i]) }) }
        var (covered, bins, expected, baselineCovered, baselineBins) = (0, 0, 0.0, 0, 0)
        var brier: [(model: Double, baseline: Double)] = []
        for (w, result) in zip(Self.windows, results.values) {
            let (a, b) = try { let o = try result.get(); return (o[0], o[1]) }()
            #expect((a.model.covered, b.model.covered) == w.model && (a.baseline?.covered, b.baseline?.covered) == (w.baseline.0, w.baseline.1),
                    "\(w): model \(a.model.covered), \(b.model.covered); N(-d2) \(a.baseline?.covered ?? -1), \(b.baseline?.covered ?? -1)")
            for o in [a, b] {
                #expect(o.model.bins == 10 && o.baseline?.bins == 10)
                covered += o.model.covered
                bins += o.model.bins
                expected += o.model.expectedCovered
                baselineCovered += o.baseline?.covered ?? 0
                baselineBins += o.baseline?.bins ?? 0
                brier.append((o.scores.modelBrier, o.scores.baselineBrier))
            }
        }
        print("coverage study: model \(covered) of \(bins) (exact intervals expect \(String(format: "%.1f", expected))), N(-d2) \(baselineCovered) of \(baselineBins)")
        #expect(bins == 140 && covered == 128 && baselineCovered == 137 && abs(expected - 129.7) < 0.05, "\(covered) \(baselineCovered) \(expected)")
        #expect(Double(covered) >= 0.9 * Double(bins))
        // What the intervals cannot say: on the fresh years the model, N(−d2)'s log-odds plus one
        // constant learned from its window (no tree splits), is no better than N(−d2). It beats
        // it in 3 of 14 checks (by at most 0.0005), ties in 2 (its constant is ~0 there) and loses
        // in 9 (by up to 0.0031).
        let wins = brier.filter { $0.model < $0.baseline - 5e-6 }.count, losses = brier.filter { $0.model > $0.baseline + 5e-6 }.count
        let worst = brier.map { $0.model - $0.baseline }.max() ?? 0
        #expect(wins == 3 && losses == 9 && abs(worst - 0.00307) < 5e-5, "\(wins) wins, \(losses) losses, worst \(worst)")
    }
}
