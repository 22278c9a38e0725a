/// A model's out-of-sample call on one decision: the most probable class and its probability.
public struct Prediction: Sendable {
    public let row: Int
    public let fold: Int
    public let label: String
    public let probability: Double
}

/// Every fold's model and its predictions on its test block (the only ones ever traded), plus
/// what a fold knows before its test block starts: its probabilities on its own training rows.
struct OutOfSample {
    var predictions: [Prediction] = []
    /// Per fold, the probabilities of its top class on its training rows (for `--top-pct`).
    var inSample: [Int: [Double]] = [:]
    var folds: [FoldSummary] = []
    /// Mean gain of each feature over the fold models.
    var importance: [String: Double] = [:]

    struct FoldSummary {
        let fold: Fold
        let rounds: Int
        let classes: [String]
        let trainingRows: Int
    }

    init(_ matrix: Matrix, folds: [Fold], policy: TrainingPolicy, progress: Progress) throws {
        for (n, fold) in folds.enumerated() {
            progress.update("walk-forward fold \(fold.index)", n, of: folds.count)
            // Checked here, not trusted to the splitter: no training label may still be open at the test start.
            if let leak = fold.trainRows.first(where: { matrix.labelEnd[$0] >= fold.testStart || matrix.ts[$0] >= fold.testStart }) {
                throw CausalityError(message: "walk-forward fold \(fold.index): training row \(Timestamps.iso(matrix.ts[leak])) has a label ending \(Timestamps.iso(matrix.labelEnd[leak])), not before its test block starts at \(Timestamps.iso(fold.testStart))")
            }
            let fitted: FittedModel
            do { fitted = try Trainer.fit(matrix, rows: fold.trainRows, policy: policy) } catch {
                throw WorkspaceError("walk-forward fold \(fold.index) (\(fold.trainRows.count) training rows, test from \(Timestamps.iso(fold.testStart))): \(error)")
            }
            let classes = fitted.encoder.classes
            for (row, p) in zip(fold.testRows, try fitted.probabilities(matrix, rows: fold.testRows)) {
                let best = Self.argmax(p)
                predictions.append(Prediction(row: row, fold: fold.index, label: classes[best], probability: p[best]))
            }
            inSample[fold.index] = try fitted.probabilities(matrix, rows: fold.trainRows).map { $0[Self.argmax($0)] }
            self.folds.append(FoldSummary(fold: fold, rounds: fitted.rounds, classes: classes, trainingRows: fitted.trainingRows))
            for (name, gain) in try fitted.booster.gainImportance() { importance[name, default: 0] += gain / Double(folds.count) }
        }
        progress.finish()
    }

    /// The first index of the largest value: ties go to the earlier (sorted) class.
    static func argmax(_ p: [Double]) -> Int {
        var best = 0
        for i in p.indices where p[i] > p[best] { best = i }
        return best
    }
}
