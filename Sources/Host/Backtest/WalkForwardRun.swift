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

    /// The splits asked for and used.
    let plan: FoldPlan

    /// Models train on the rows in `policy.allowedHours`, in `splits` expanding folds, or fewer
    /// when a fold would train on less than `minimum`.
    init(matrix: Matrix, policy: TrainingPolicy, splits: Int, minimum: MinimumTraining, declaredActions: [String: String], progress: Progress) throws {
        self.matrix = matrix
        let rows = TradingHours.rows(matrix, allowed: policy.allowedHours)
        plan = try FoldPlan(matrix, rows: rows, requested: splits, minimum: minimum, policy: policy)
        let folds = plan.folds
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
