import Foundation
import PackKit

extension LiveBenchmark {
    /// Where a decision instant's time goes, stage by stage, p50 over the session's instants
    /// (each timed `repeats` times on the data known when its bar arrives): the labeler on the
    /// whole delivered frame (what every cycle did before the tail) and on the session's tail
    /// (what it does now), the set's features on the delivered frame, the model on the
    /// instant's rows, and the ladder outputs.
    static func stages(_ builder: CandidateBuilder, known: [Frame], instants: [Int64], day: Int32, scorer: Scorer, ladders: EventLadders,
                       repeats: Int = 5) throws -> JSON {
        let computers = try builder.plan.indicatorSet.features.map { try FeatureComputer($0, catalogue: builder.plan.catalogue) }
        var times: [String: [Double]] = [:]
        func time(_ stage: String, _ body: () throws -> Void) rethrows {
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                times[stage, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
        }
        var tailRows: [Int] = []
        for (t, bars) in zip(instants, known) {
            var findings = CausalityFindings(checked: false)
            let from = builder.tail?.start(try bars.timestamps(), day: day, market: builder.market) ?? 0
            tailRows.append(bars.rowCount - from)
            try time("labeler_whole_frame") { _ = try LabelColumns.label(bars, with: builder.labeler, adapterLag: builder.adapterLag, check: false, findings: &findings) }
            try time("labeler_tail") {
                _ = try LabelColumns.label(bars.rows(from..<bars.rowCount), with: builder.labeler, adapterLag: builder.adapterLag, check: false, findings: &findings)
            }
            try time("features") { for c in computers { _ = try c.compute(try c.inputs(from: bars)) } }
            let c = try builder.candidates(bars, day: day, clock: t + builder.adapterLag, skip: { ts, _ in ts < t }).matrix
            let rows = Array(0..<c.rowCount)
            try time("model") { _ = try scorer.artifact.probabilities(c, rows: rows) }
            let p = try scorer.artifact.probabilities(c, rows: rows)
            try time("outputs") { _ = try ladders.outputs(c, rows: rows, probabilities: p) }
        }
        var out = times.mapValues { JSON.rounded(DriftStatistics.percentile($0.sorted(), 50), 4) }
        out["bars_delivered_p50"] = .number(Double(known.map(\.rowCount).sorted()[known.count / 2]))
        out["bars_in_tail_p50"] = .number(Double(tailRows.sorted()[tailRows.count / 2]))
        return .object(out)
    }
}
