import Indicators
import PackKit

/// The least a walk-forward fold may train on, after purging. Below it a fold's model is fitted
/// to a handful of days (and XGBoost's early stopping to a validation block of a few rows), and
/// its out-of-sample predictions say nothing.
public struct MinimumTraining: Sendable, Equatable {
    /// Training rows of a fold (in the allowed hours, after purging).
    public var rows: Int
    /// New York sessions those rows come from.
    public var sessions: Int

    /// 30 rows over 10 sessions: two weeks of the default three allowed hours.
    public static let standard = MinimumTraining(rows: 30, sessions: 10)

    public init(rows: Int, sessions: Int) {
        self.rows = rows
        self.sessions = sessions
    }

    var json: JSON { .object(["rows": .number(Double(rows)), "sessions": .number(Double(sessions))]) }
}

/// The folds a walk-forward uses: the splits asked for when every fold can train on at least the
/// minimum, else the largest smaller number of splits that can (said in `note`). When not even
/// one fold can, the backtest fails saying why.
public struct FoldPlan: Sendable {
    public let requested: Int
    public let folds: [Fold]
    public let minimum: MinimumTraining
    /// Why fewer folds than asked are used; nil when all are.
    public let note: String?

    public var used: Int { folds.count }

    public init(_ matrix: Matrix, rows: [Int], requested: Int, minimum: MinimumTraining, policy: TrainingPolicy) throws {
        (self.requested, self.minimum) = (requested, minimum)
        var firstShortfall: String?
        for splits in stride(from: requested, through: 1, by: -1) {
            let shortfall: String?
            var folds: [Fold] = []
            do {
                folds = try WalkForward.folds(matrix, rows: rows, splits: splits, embargo: policy.embargoNanoseconds)
                shortfall = folds.lazy.compactMap { FoldPlan.shortfall($0, matrix, minimum: minimum, policy: policy) }.first
            } catch {
                shortfall = "\(error)"
            }
            guard let shortfall else {
                self.folds = folds
                note = firstShortfall.map { "--splits \(requested) asked, \(splits) used: with \(requested), \($0)" }
                return
            }
            firstShortfall = firstShortfall ?? shortfall
            if splits == 1 {
                let sessions = Set(rows.map { matrix.market.day(matrix.ts[$0]) }).count
                throw WorkspaceError("too little data for a walk-forward: \(rows.count) rows over \(sessions) sessions in the allowed hours, and even with --splits 1 \(shortfall). Build a longer range or allow more hours")
            }
        }
        throw WorkspaceError("--splits must be at least 1, got \(requested)")
    }

    /// What keeps `fold` from training on enough data, or nil: the minimum, then the trainer's own
    /// needs (two label values, a validation block, rows left after purging before it).
    static func shortfall(_ fold: Fold, _ matrix: Matrix, minimum: MinimumTraining, policy: TrainingPolicy) -> String? {
        let sessions = Set(fold.trainRows.map { matrix.market.day(matrix.ts[$0]) }).count
        if fold.trainRows.count < minimum.rows || sessions < minimum.sessions {
            return "fold \(fold.index) would train on \(fold.trainRows.count) rows over \(sessions) sessions after purging (the minimum is \(minimum.rows) rows over \(minimum.sessions) sessions)"
        }
        let rows = fold.trainRows.sorted { matrix.ts[$0] < matrix.ts[$1] }
        do {
            _ = try Trainer.blocks(matrix, sortedRows: rows, encoder: LabelEncoder(labels: rows.map { matrix.labels[$0] }), policy: policy)
        } catch {
            return "fold \(fold.index): \(error)"
        }
        return nil
    }

    var json: [String: JSON] {
        ["splits_requested": .number(Double(requested)), "splits_used": .number(Double(used)),
         "splits_note": note.map(JSON.string) ?? .null, "min_training": minimum.json]
    }
}
