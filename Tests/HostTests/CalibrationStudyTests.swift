import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// TEMPORARY study (not committed): Brier and held-out coverage of policy variants.
@Suite struct CalibrationStudyTests {
    @Test func study() throws {
        guard let spec = ProcessInfo.processInfo.environment["CALIB_STUDY"] else { return }
        let catalogue = try Fixtures.catalogue([Fixtures.swiftPack("zerodteput")])
        var lines: [String] = []
        for item in spec.split(separator: ";") {
            let f = item.split(separator: ",").map(String.init)
            let ws = Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-calib-\(UUID().uuidString)").path)
            var run = PipelineRun(pack: "zerodteput")
            run.adapterParams = ["effects": .string(f[0])]
            if f.count > 3 { run.adapterParams["seed"] = .number(Double(f[3])!) }
            run.start = MarketDate.parse(f[1])!
            run.end = MarketDate.parse(f[2])!
            run.registry = ws.root + "/registry"
            let outcome = try run.run(catalogue: catalogue, workspace: ws)
            let matrix = try ws.builtMatrix(outcome.modelID).read()
            let defaults = try PackDefaults(pack: try catalogue.pack("zerodteput"))
            let hours = defaults.allowedHours
            var variants: [(String, TrainingPolicy)] = []
            var plain = TrainingPolicy(allowedHours: hours); plain.prior = nil
            variants.append(("plain", plain))
            var prior = TrainingPolicy(allowedHours: hours); prior.prior = TrainingPrior(feature: "x_rn_breach", label: "BREACHED")
            variants.append(("prior", prior))
            var reg = prior; reg.minChildWeight = 20; reg.maxDepth = 2
            variants.append(("prior-reg", reg))
            for (name, policy) in variants {
                let wf = try WalkForwardRun(matrix: matrix, policy: policy, splits: 5, minimum: .standard, declaredActions: defaults.actions, progress: .silent)
                let r = try EventCalibration.report(wf.oos.predictions, matrix: matrix, spec: defaults.eventOutputs!)
                let line = "\(item) \(name): rows \(matrix.rowCount) preds \(wf.oos.predictions.count) brier \(r["brier"]!["model"]!.doubleValue!) vs \(r["brier"]!["baseline"]!.doubleValue!) coverage \(r["held_out_coverage"]!["covered"]!.doubleValue!)/\(r["held_out_coverage"]!["bins"]!.doubleValue!) rounds \(wf.oos.folds.map(\.rounds))"
                print("STUDY " + line)
                lines.append(line)
            }
            try? FileManager.default.removeItem(atPath: ws.root)
        }
        try lines.joined(separator: "\n").write(toFile: "/tmp/calib-study.txt", atomically: true, encoding: .utf8)
    }
}
