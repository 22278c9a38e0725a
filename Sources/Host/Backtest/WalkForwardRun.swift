import Foundation

/// A matrix's out-of-sample predictions, made once, and any trading rules evaluated on them:
/// what a backtest and a sweep share, so a sweep's configuration equals the same backtest.
struct WalkForwardRun: Sendable {
    let matrix: Matrix
    let oos: OutOfSample
    let actions: ActionMap
    /// Test sessions of every fold, in order, and per fold.
    let sessions: [Int32]
    let foldSessions: [Int: [Int32]]

    /// Models train on the rows in `policy.allowedHours`, in `splits` expanding folds.
    init(matrix: Matrix, policy: TrainingPolicy, splits: Int, declaredActions: [String: String], progress: Progress) throws {
        self.matrix = matrix
        let rows = TradingHours.rows(matrix, allowed: policy.allowedHours)
        let folds = try WalkForward.folds(matrix, rows: rows, splits: splits, embargo: policy.embargoNanoseconds)
        oos = try OutOfSample(matrix, folds: folds, policy: policy, progress: progress)
        let classes = Array(Set(oos.folds.flatMap(\.classes))).sorted()
        actions = try ActionMap(classes: classes, declared: declaredActions, outcomeNames: matrix.outcomeNames)
        var perFold: [Int: [Int32]] = [:]
        for f in folds { perFold[f.index] = BacktestStage.sessions(matrix, f.testRows) }
        foldSessions = perFold
        sessions = perFold.keys.sorted().flatMap { perFold[$0]! }
    }

    func evaluate(_ rules: TradeRules) -> ConfigurationResult {
        ConfigurationResult(oos, matrix, actions: actions, rules: rules, sessions: sessions, foldSessions: foldSessions)
    }
}
