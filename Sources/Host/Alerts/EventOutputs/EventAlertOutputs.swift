import Foundation
import PackKit

/// Fills the alerts' per-row outputs: every row of an alerted instant is scored (a ladder rank
/// needs the whole ladder), with the calibration of the scoring version's own backtest report.
struct EventAlertOutputs {
    let spec: EventOutputSpec
    let scorer: Scorer

    func attach(_ signals: [Signal], matrix: Matrix, rows: [Int]) throws -> [Signal] {
        guard !signals.isEmpty else { return signals }
        guard let data = FileManager.default.contents(atPath: scorer.report) else {
            throw WorkspaceError("\(scorer.report): no backtest report to calibrate \(spec.columns[0]); run `edgehost backtest` first")
        }
        let calibration = try EventCalibration(report: try JSON.parse(String(decoding: data, as: UTF8.self)), path: scorer.report)
        func feature(_ name: String) throws -> [Double] {
            guard let i = matrix.featureNames.firstIndex(of: name) else {
                throw WorkspaceError("event_outputs: feature '\(name)' is not a column of the model's matrix")
            }
            return matrix.features[i]
        }
        let (credit, mid, riskNeutral) = (try feature(spec.credit), try feature(spec.mid), try feature(spec.riskNeutral))
        guard let event = scorer.artifact.encoder.classes.firstIndex(of: spec.event) else {
            throw WorkspaceError("event_outputs: the model has no class '\(spec.event)' (classes: \(scorer.artifact.encoder.classes.joined(separator: ", ")))")
        }
        let alerted = Set(signals.map(\.ts))
        let scored = rows.filter { alerted.contains(matrix.ts[$0]) }
        let probabilities = try scorer.artifact.probabilities(matrix, rows: scored)
        var outputs: [String: [String]] = [:]
        var start = 0
        while start < scored.count {
            var end = start
            while end < scored.count, matrix.ts[scored[end]] == matrix.ts[scored[start]] { end += 1 }
            let ladder = (start..<end).map { i in
                let r = scored[i]
                return EventRowOutputs.Row(key: matrix.keys?[r] ?? "", probability: probabilities[i][event], credit: credit[r], mid: mid[r],
                                           riskNeutral: riskNeutral[r])
            }
            for (row, output) in zip(ladder, EventRowOutputs.score(ladder, calibration: calibration, cap: spec.cap)) {
                outputs["\(matrix.ts[scored[start]])|\(row.key)"] = output.fields
            }
            start = end
        }
        return signals.map { s in
            var s = s
            s.outputs = outputs["\(s.ts)|\(s.decisionKey ?? "")"] ?? []
            return s
        }
    }
}
