import Foundation
import PackKit

/// A scoring version's per-row outputs, ladder by ladder: the rows of one instant are scored
/// together (a ladder rank needs the whole ladder) by `EventRowOutputs.score`, with the
/// calibration of the version's own backtest report. The alerts (`EventAlertOutputs`) and the
/// live monitor (`LiveDecision+EventOutputs`) both call it, so their outputs cannot differ.
struct EventLadders {
    let spec: EventOutputSpec
    let calibration: EventCalibration
    /// The event's class among the model's.
    let event: Int
    /// The backtest report the calibration comes from, parsed (a calibration check reads its baseline bins too).
    let report: JSON

    init(spec: EventOutputSpec, scorer: Scorer) throws {
        guard let data = FileManager.default.contents(atPath: scorer.report) else {
            throw WorkspaceError("\(scorer.report): no backtest report to calibrate \(spec.columns[0]); run `edgehost backtest` first")
        }
        report = try JSON.parse(String(decoding: data, as: UTF8.self))
        calibration = try EventCalibration(report: report, path: scorer.report)
        guard let event = scorer.artifact.encoder.classes.firstIndex(of: spec.event) else {
            throw WorkspaceError("event_outputs: the model has no class '\(spec.event)' (classes: \(scorer.artifact.encoder.classes.joined(separator: ", ")))")
        }
        self.spec = spec
        self.event = event
    }

    /// The outputs of `rows` of `matrix` (the rows of an instant next to each other, as a
    /// matrix orders them), given their class probabilities (aligned with `rows`); `blockedBy`
    /// says why an instant's data cannot be trusted (nil: it can), which blocks its whole ladder.
    func outputs(_ matrix: Matrix, rows: [Int], probabilities: [[Double]], blockedBy: (Int64) -> String? = { _ in nil }) throws -> [EventRowOutputs.Output] {
        let (credit, mid, riskNeutral) = (try Self.feature(spec.credit, matrix), try Self.feature(spec.mid, matrix), try Self.feature(spec.riskNeutral, matrix))
        var outputs: [EventRowOutputs.Output] = []
        outputs.reserveCapacity(rows.count)
        var start = 0
        while start < rows.count {
            let ts = matrix.ts[rows[start]]
            var end = start
            while end < rows.count, matrix.ts[rows[end]] == ts { end += 1 }
            let ladder = (start..<end).map { i in
                let r = rows[i]
                return EventRowOutputs.Row(key: matrix.keys?[r] ?? "", probability: probabilities[i][event], credit: credit[r], mid: mid[r],
                                           riskNeutral: riskNeutral[r])
            }
            outputs += EventRowOutputs.score(ladder, calibration: calibration, cap: spec.cap, blockedBy: blockedBy(ts))
            start = end
        }
        return outputs
    }

    /// A feature column of the matrix the outputs read.
    static func feature(_ name: String, _ matrix: Matrix) throws -> [Double] {
        guard let i = matrix.featureNames.firstIndex(of: name) else {
            throw WorkspaceError("event_outputs: feature '\(name)' is not a column of the model's matrix")
        }
        return matrix.features[i]
    }
}
