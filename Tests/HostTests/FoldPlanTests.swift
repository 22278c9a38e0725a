import Foundation
@testable import Host
import PackKit
import Testing

/// Short data: fewer walk-forward folds than asked, said in the plan; a clear failure when not
/// even one fold reaches the minimum training size. Warm-up rows from a feature's lookback.
@Suite struct FoldPlanTests {
    /// No embargo and 2-hour labels: nothing is purged, so the fold sizes are plain arithmetic.
    static let policy: TrainingPolicy = {
        var p = TrainingPolicy()
        p.embargoSeconds = 0
        return p
    }()

    @Test func shortDataUsesFewerFoldsAndSaysWhy() throws {
        // 30 sessions of 6 decisions: 5 splits give fold 1 five sessions, 4 six, 3 seven, 2 ten.
        let m = syntheticMatrix(days: 30)
        let plan = try FoldPlan(m, rows: Array(0..<m.rowCount), requested: 5, minimum: .standard, policy: Self.policy)
        #expect(plan.requested == 5 && plan.used == 2 && plan.folds.map(\.index) == [1, 2])
        #expect(plan.folds[0].trainRows.count == 60)
        #expect(plan.note == "--splits 5 asked, 2 used: with 5, fold 1 would train on 30 rows over 5 sessions after purging (the minimum is 30 rows over 10 sessions)")
        #expect(plan.json["splits_used"] == .number(2) && plan.json["splits_requested"] == .number(5))
        // Enough data: the splits asked, no note.
        let full = try FoldPlan(m, rows: Array(0..<m.rowCount), requested: 2, minimum: .standard, policy: Self.policy)
        #expect(full.used == 2 && full.note == nil && full.json["splits_note"] == .null)
        // A smaller minimum allows more folds.
        #expect(try FoldPlan(m, rows: Array(0..<m.rowCount), requested: 5, minimum: MinimumTraining(rows: 30, sessions: 5), policy: Self.policy).used == 5)
    }

    @Test func tooLittleDataForOneFoldFailsSayingWhy() {
        let m = syntheticMatrix(days: 12)
        #expect {
            try FoldPlan(m, rows: Array(0..<m.rowCount), requested: 3, minimum: .standard, policy: Self.policy)
        } throws: {
            "\($0)" == "too little data for a walk-forward: 72 rows over 12 sessions in the allowed hours, and even with --splits 1 fold 1 would train on 36 rows over 6 sessions after purging (the minimum is 30 rows over 10 sessions). Build a longer range or allow more hours"
        }
    }

    @Test func theTrainersOwnNeedsCountToo() throws {
        // With 3 splits fold 1's 60 rows over 10 sessions reach the minimum but hold one label
        // value: no classifier. With 2, fold 1 has 13 sessions, the last three with every label.
        var m = syntheticMatrix(days: 40)
        m.labels = m.labels.indices.map { $0 < 6 * 10 ? "UP" : m.labels[$0] }
        let plan = try FoldPlan(m, rows: Array(0..<m.rowCount), requested: 3, minimum: MinimumTraining(rows: 20, sessions: 10), policy: Self.policy)
        #expect(plan.used == 2)
        #expect(plan.note?.contains("fold 1: cannot train on 60 rows: they hold 1 label value(s) (UP)") == true, "\(plan.note ?? "")")
    }

    @Test func warmUpIsTheRowsBeforeTheDeclaredLookback() {
        let minute: Int64 = 60_000_000_000
        let ts = Int64Column((0..<10).map { Int64($0) * minute })
        #expect(WarmUp.readyRow(bars: 0, nanoseconds: 0, ts: ts) == 0)
        #expect(WarmUp.readyRow(bars: 3, nanoseconds: 0, ts: ts) == 3)
        // Time lookback: the first row at least 4 minutes after the first bar.
        #expect(WarmUp.readyRow(bars: 2, nanoseconds: 4 * minute, ts: ts) == 4)
        #expect(WarmUp.readyRow(bars: 2, nanoseconds: 4 * minute - 1, ts: ts) == 4)
        // Never ready in this data.
        #expect(WarmUp.readyRow(bars: 12, nanoseconds: 0, ts: ts) == 10)
        #expect(WarmUp.readyRow(bars: 0, nanoseconds: 20 * minute, ts: ts) == 10)
    }
}
