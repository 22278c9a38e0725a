import Foundation
@testable import Host
import Testing

/// A matrix of hourly decisions (14:00–19:00 UTC, i.e. 10:00–15:00 New York in winter) whose
/// label follows the first feature, so a model can learn it; labels end `horizonHours` later.
func syntheticMatrix(days: Int, classes: [String] = ["DOWN", "FLAT", "UP"], horizonHours: Int64 = 2) -> Matrix {
    var m = Matrix(ts: [], featureNames: ["signal", "noise"], features: [[], []], labels: [], labelEnd: [],
                   outcomeNames: ["outcome_call", "outcome_none", "outcome_put"], outcomes: [[], [], []])
    let hour: Int64 = 3_600_000_000_000
    var state: UInt64 = 42
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    var day = MarketDateFixture.firstMonday
    var made = 0
    while made < days {
        defer { day += 1 }
        let weekday = (Int(day) + 4) % 7 // 1970-01-01 was a Thursday
        guard weekday != 0 && weekday != 6 else { continue }
        made += 1
        for h in Int64(14)...19 {
            let ts = Int64(day) * 24 * hour + h * hour
            let signal = next()
            let cls = min(classes.count - 1, Int(signal * Double(classes.count)))
            let flip = next() < 0.15
            let label = classes[flip ? (cls + 1) % classes.count : cls]
            m.ts.append(ts)
            m.labelEnd.append(ts + horizonHours * hour)
            m.features[0].append(signal)
            m.features[1].append(next() < 0.1 ? .nan : next())
            m.labels.append(label)
            let up = label == classes.last ? 0.8 : -1.0, down = label == classes.first ? 0.8 : -1.0
            m.outcomes[0].append(up)
            m.outcomes[1].append(0)
            m.outcomes[2].append(down)
        }
    }
    return m
}

enum MarketDateFixture {
    /// 2024-01-08, a Monday (days since 1970-01-01).
    static let firstMonday: Int32 = 19730
}

@Suite struct TrainerTests {
    @Test func purgeDropsRowsWhoseLabelsOverlapTheTestBlock() {
        // Decisions at t = 0, 10, 20, 30, 40; labels of 0 and 20 reach far ahead.
        let labelEnd: [Int64] = [100, 15, 45, 35, 49]
        let (kept, purged) = Purge.training([0, 1, 2, 3], labelEnd: labelEnd, testStart: 40, embargo: 0)
        #expect(kept == [1, 3])
        #expect(purged == 2)
        // The embargo widens the gap: a label ending at 35 is too close to a test start of 40.
        #expect(Purge.training([0, 1, 2, 3], labelEnd: labelEnd, testStart: 40, embargo: 10).kept == [1])
        // A label ending exactly at the test start overlaps it.
        #expect(Purge.training([3], labelEnd: labelEnd, testStart: 35, embargo: 0).kept.isEmpty)
    }

    @Test func walkForwardFoldsNeverTrainOnLabelsThatReachTheirTestBlock() throws {
        // Labels that last 30 hours overlap the next session: the day before each test block goes.
        let m = syntheticMatrix(days: 30, horizonHours: 30)
        let folds = try WalkForward.folds(m, rows: Array(0..<m.rowCount), splits: 4, embargo: 0)
        #expect(folds.count == 4)
        #expect(folds.map(\.testRows.count) == [36, 36, 36, 36])
        for fold in folds {
            #expect(fold.purged == 6)
            #expect(fold.trainRows.allSatisfy { m.labelEnd[$0] < fold.testStart })
            #expect(fold.trainRows.allSatisfy { m.ts[$0] < fold.testStart })
            #expect(fold.testRows.allSatisfy { m.ts[$0] >= fold.testStart })
        }
        // Expanding window: each fold trains on everything the previous one did, and its test block.
        #expect(folds[1].trainRows.count == folds[0].trainRows.count + 36)
        // Short labels: nothing to purge without an embargo; a one-day embargo drops the last session.
        let short = syntheticMatrix(days: 30)
        #expect(try WalkForward.folds(short, rows: Array(0..<short.rowCount), splits: 4, embargo: 0).allSatisfy { $0.purged == 0 })
        #expect(try WalkForward.folds(short, rows: Array(0..<short.rowCount), splits: 4, embargo: 86_400_000_000_000).allSatisfy { $0.purged == 6 })
        #expect(throws: WorkspaceError.self) { try WalkForward.folds(short, rows: Array(0..<12), splits: 4, embargo: 0) }
    }

    @Test func aFoldWhoseTrainingLabelsReachItsTestBlockIsRefused() throws {
        // Labels lasting 80 hours reach over a weekend into the next block.
        let m = syntheticMatrix(days: 30, horizonHours: 80)
        let honest = try WalkForward.folds(m, rows: Array(0..<m.rowCount), splits: 2, embargo: 0)[0]
        #expect(honest.purged > 0)
        // The same fold without purging.
        let leaky = Fold(index: 1, trainRows: Array(0..<honest.testRows[0]), testRows: honest.testRows, purged: 0,
                         testStart: honest.testStart)
        let error = #expect(throws: CausalityError.self) {
            try OutOfSample(m, folds: [leaky], policy: TrainingPolicy(), progress: .silent)
        }
        #expect(error?.message.contains("not before its test block starts") == true)
    }

    @Test func trainingIsDeterministicAndLearnsTheSignal() throws {
        let m = syntheticMatrix(days: 80)
        let policy = TrainingPolicy()
        let a = try Trainer.fit(m, rows: Array(0..<m.rowCount), policy: policy)
        let b = try Trainer.fit(m, rows: Array(0..<m.rowCount), policy: policy)
        #expect(try a.booster.json() == b.booster.json())
        #expect(a.encoder.classes == ["DOWN", "FLAT", "UP"])
        #expect(a.rounds >= 1 && a.rounds <= policy.maxRounds)
        // The validation block is the last 20 % and the training rows before it whose label is open are purged.
        #expect(a.validationRows == 96)
        #expect(a.trainingRows + a.validationRows + a.purgedRows == m.rowCount)
        let p = try a.probabilities(m, rows: Array(0..<m.rowCount))
        #expect(p.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-5 })
        let hits = (0..<m.rowCount).filter { a.encoder.classes[OutOfSample.argmax(p[$0])] == m.labels[$0] }.count
        #expect(Double(hits) / Double(m.rowCount) > 0.7)
        // The noise feature is worth less than the signal.
        let gain = try a.booster.gainImportance()
        #expect(gain["signal"]! > (gain["noise"] ?? 0))
    }

    @Test func twoLabelValuesTrainABinaryModel() throws {
        let m = syntheticMatrix(days: 40, classes: ["DOWN", "UP"])
        let fitted = try Trainer.fit(m, rows: Array(0..<m.rowCount), policy: TrainingPolicy())
        let json = String(decoding: try fitted.booster.json(), as: UTF8.self)
        #expect(json.contains("binary:logistic"))
        let p = try fitted.probabilities(m, rows: [0, 1, 2])
        #expect(p.allSatisfy { $0.count == 2 && abs($0[0] + $0[1] - 1) < 1e-6 })
    }

    @Test func oneLabelValueIsAClearError() {
        var m = syntheticMatrix(days: 10)
        m.labels = m.labels.map { _ in "UP" }
        #expect {
            try Trainer.fit(m, rows: Array(0..<m.rowCount), policy: TrainingPolicy())
        } throws: { "\($0)".contains("1 label value(s) (UP)") }
    }

    @Test func aThresholdAboveEveryProbabilityTradesNothing() throws {
        let m = syntheticMatrix(days: 30)
        let folds = try WalkForward.folds(m, rows: Array(0..<m.rowCount), splits: 2, embargo: 0)
        let oos = try OutOfSample(m, folds: folds, policy: TrainingPolicy(), progress: .silent)
        let actions = try ActionMap(classes: ["DOWN", "FLAT", "UP"], declared: ["UP": "call", "DOWN": "put", "FLAT": "none"], outcomeNames: m.outcomeNames)
        let none = TradeSelector.trades(oos.predictions, m, actions: actions, rules: TradeRules(threshold: 1.0), inSample: oos.inSample)
        #expect(none.isEmpty)
        let all = TradeSelector.trades(oos.predictions, m, actions: actions, rules: TradeRules(threshold: 0.01), inSample: oos.inSample)
        // FLAT calls for no trade: every other out-of-sample prediction trades.
        #expect(all.count == oos.predictions.filter { $0.label != "FLAT" }.count)
        #expect(all.allSatisfy { ($0.label == "UP" && $0.action == "call") || ($0.label == "DOWN" && $0.action == "put") })
        let capped = TradeSelector.trades(oos.predictions, m, actions: actions, rules: TradeRules(threshold: 0.01, maxTradesPerDay: 1), inSample: oos.inSample)
        #expect(capped.count == Set(all.map(\.day)).count)
        let hours = TradeSelector.trades(oos.predictions, m, actions: actions, rules: TradeRules(threshold: 0.01, allowedHours: [10]), inSample: oos.inSample)
        #expect(!hours.isEmpty && hours.allSatisfy { $0.hour == 10 })
    }

    @Test func actionsNeedTheirOutcomeColumns() {
        #expect(throws: WorkspaceError.self) {
            try ActionMap(classes: ["UP"], declared: ["UP": "straddle"], outcomeNames: ["outcome_call"])
        }
        let undeclared = try? ActionMap(classes: ["CALL"], declared: [:], outcomeNames: ["outcome_call"])
        #expect(undeclared?.action("CALL") == "call")
    }
}
