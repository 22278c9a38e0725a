import Foundation
import PackKit

/// Fills the alerts' per-row outputs: every row of an alerted instant is scored (a ladder rank
/// needs the whole ladder), with the calibration of the scoring version's own backtest report.
struct EventAlertOutputs {
    let spec: EventOutputSpec
    let scorer: Scorer

    func attach(_ signals: [Signal], matrix: Matrix, rows: [Int]) throws -> [Signal] {
        guard !signals.isEmpty else { return signals }
        let ladders = try EventLadders(spec: spec, scorer: scorer)
        let alerted = Set(signals.map(\.ts))
        let scored = rows.filter { alerted.contains(matrix.ts[$0]) }
        let outputs = try ladders.outputs(matrix, rows: scored, probabilities: try scorer.artifact.probabilities(matrix, rows: scored))
        var fields: [String: [String]] = [:]
        for (r, output) in zip(scored, outputs) { fields["\(matrix.ts[r])|\(matrix.keys?[r] ?? "")"] = output.fields }
        return signals.map { s in
            var s = s
            s.outputs = fields["\(s.ts)|\(s.decisionKey ?? "")"] ?? []
            return s
        }
    }
}
