import Foundation

/// A model's out-of-sample call on one decision: the most probable class and its probability.
public struct Prediction: Sendable {
    public let row: Int
    public let fold: Int
    public let label: String
    public let probability: Double
}

/// Every fold's model and its predictions on its test block (the only ones ever traded), plus
/// what a fold knows before its test block starts: its probabilities on its own training rows.
struct OutOfSample: Sendable {
    var predictions: [Prediction] = []
    /// Per fold, the probabilities of its top class on its training rows (for `--top-pct`).
    var inSample: [Int: [Double]] = [:]
    var folds: [FoldSummary] = []
    /// Mean gain of each feature over the fold models.
    var importance: [String: Double] = [:]

    struct FoldSummary: Sendable {
        let fold: Fold
        let rounds: Int
        let classes: [String]
        let trainingRows: Int
    }

    /// One fold's results, computed on its own thread.
    private struct FoldOutput {
        var predictions: [Prediction] = []
        var inSample: [Double] = []
        var summary: FoldSummary?
        var importance: [String: Double] = [:]
        var error: (any Error)?
    }

    /// Folds train in parallel (one XGBoost thread each); results are merged in fold order, so
    /// the output does not depend on scheduling.
    init(_ matrix: Matrix, folds: [Fold], policy: TrainingPolicy, progress: Progress) throws {
        for fold in folds {
            // Checked here, not trusted to the splitter: no training label may still be open at the test start.
            if let leak = fold.trainRows.first(where: { matrix.labelEnd[$0] >= fold.testStart || matrix.ts[$0] >= fold.testStart }) {
                throw CausalityError(message: "walk-forward fold \(fold.index): training row \(Timestamps.iso(matrix.ts[leak])) has a label ending \(Timestamps.iso(matrix.labelEnd[leak])), not before its test block starts at \(Timestamps.iso(fold.testStart))")
            }
        }
        let slots = Slots<FoldOutput>(folds.count)
        progress.update("walk-forward", 0, of: folds.count)
        DispatchQueue.concurrentPerform(iterations: folds.count) { n in
            let done = slots.set(n, Self.run(matrix, fold: folds[n], policy: policy, cancellation: progress.cancellation))
            progress.update("walk-forward", done, of: folds.count)
        }
        progress.finish()
        // Before the folds' errors: a cancelled fold's error is the cancellation, not a failure.
        try progress.checkCancelled()
        for (fold, output) in zip(folds, slots.values) {
            if let error = output.error {
                throw WorkspaceError("walk-forward fold \(fold.index) (\(fold.trainRows.count) training rows, test from \(Timestamps.iso(fold.testStart))): \(error)")
            }
            predictions += output.predictions
            inSample[fold.index] = output.inSample
            self.folds.append(output.summary!)
            for (name, gain) in output.importance { importance[name, default: 0] += gain / Double(folds.count) }
        }
    }

    private static func run(_ matrix: Matrix, fold: Fold, policy: TrainingPolicy, cancellation: Cancellation?) -> FoldOutput {
        var out = FoldOutput()
        do {
            let fitted = try Trainer.fit(matrix, rows: fold.trainRows, policy: policy, cancellation: cancellation)
            let classes = fitted.encoder.classes
            for (row, p) in zip(fold.testRows, try fitted.probabilities(matrix, rows: fold.testRows)) {
                let best = argmax(p)
                out.predictions.append(Prediction(row: row, fold: fold.index, label: classes[best], probability: p[best]))
            }
            out.inSample = try fitted.probabilities(matrix, rows: fold.trainRows).map { $0[argmax($0)] }
            out.summary = FoldSummary(fold: fold, rounds: fitted.rounds, classes: classes, trainingRows: fitted.trainingRows)
            out.importance = try fitted.booster.gainImportance()
        } catch {
            out.error = error
        }
        return out
    }

    /// The first index of the largest value: ties go to the earlier (sorted) class.
    static func argmax(_ p: [Double]) -> Int {
        var best = 0
        for i in p.indices where p[i] > p[best] { best = i }
        return best
    }
}

/// Results of parallel work, one slot per item, filled from any thread.
final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private var filled = 0
    private let lock = NSLock()

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores item `index`'s value; returns how many items are done.
    func set(_ index: Int, _ value: Value) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
        filled += 1
        return filled
    }

    /// Every value, in item order (call after the work is done).
    var values: [Value] { slots.map { $0! } }
}
