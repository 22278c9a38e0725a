import Foundation

/// A booster fitted on some rows of a matrix, with what early stopping chose.
final class FittedModel {
    let booster: Booster
    let encoder: LabelEncoder
    let featureNames: [String]
    /// Boosting rounds kept (the best validation round + 1).
    let rounds: Int
    let validationLoss: Double
    let trainingRows: Int, validationRows: Int, purgedRows: Int
    let trainingRange: (first: Int64, last: Int64)
    /// The prior the trees correct; every prediction starts from it.
    let prior: TrainingPrior?

    init(booster: Booster, encoder: LabelEncoder, featureNames: [String], rounds: Int, validationLoss: Double,
         trainingRows: Int, validationRows: Int, purgedRows: Int, trainingRange: (Int64, Int64), prior: TrainingPrior?) {
        self.booster = booster
        self.prior = prior
        self.encoder = encoder
        self.featureNames = featureNames
        self.rounds = rounds
        self.validationLoss = validationLoss
        self.trainingRows = trainingRows
        self.validationRows = validationRows
        self.purgedRows = purgedRows
        self.trainingRange = trainingRange
    }

    /// Class probabilities of `rows`, `[row][class]` in the encoder's order.
    func probabilities(_ matrix: Matrix, rows: [Int]) throws -> [[Double]] {
        try Trainer.probabilities(booster, classes: encoder.classes, prior: prior, matrix, rows: rows)
    }
}

/// XGBoost on the rows of a matrix: a purged validation block at the end for early stopping.
enum Trainer {
    /// `cancellation` is asked before every boosting round.
    static func fit(_ matrix: Matrix, rows: [Int], policy: TrainingPolicy, cancellation: Cancellation? = nil) throws -> FittedModel {
        let rows = rows.sorted { matrix.ts[$0] < matrix.ts[$1] }
        let encoder = LabelEncoder(labels: rows.map { matrix.labels[$0] })
        let (training, validation, purged) = try blocks(matrix, sortedRows: rows, encoder: encoder, policy: policy)
        let train = try dmatrix(matrix, rows: training, encoder: encoder, prior: policy.prior)
        let valid = try dmatrix(matrix, rows: validation, encoder: encoder, prior: policy.prior)
        let booster = try Booster(cache: [train, valid])
        try booster.set(policy.boosterParams(classes: encoder.classes.count))
        var best = (round: 0, loss: Double.infinity)
        for round in 0..<policy.maxRounds {
            try cancellation?.check()
            try booster.update(iteration: round, train)
            let loss = try booster.evaluate(iteration: round, valid, name: "valid")
            if loss < best.loss { best = (round, loss) }
            if round - best.round >= policy.earlyStoppingRounds { break }
        }
        let kept = try booster.slice(rounds: best.round + 1)
        try kept.setFeatureNames(matrix.featureNames)
        return FittedModel(booster: kept, encoder: encoder, featureNames: matrix.featureNames, rounds: best.round + 1,
                           validationLoss: best.loss, trainingRows: training.count, validationRows: validation.count,
                           purgedRows: purged, trainingRange: (matrix.ts[rows[0]], matrix.ts[rows[rows.count - 1]]), prior: policy.prior)
    }

    /// The training and validation blocks of time-ordered `rows`: the last share held out, the
    /// training rows whose label reaches it purged. Throws when there is too little to train on
    /// (the walk-forward asks this first to choose how many folds the data allows).
    static func blocks(_ matrix: Matrix, sortedRows rows: [Int], encoder: LabelEncoder, policy: TrainingPolicy) throws
        -> (training: [Int], validation: [Int], purged: Int) {
        guard encoder.classes.count >= 2 else {
            throw WorkspaceError("cannot train on \(rows.count) rows: they hold \(encoder.classes.count) label value(s) (\(encoder.classes.joined(separator: ", "))); a classifier needs at least 2")
        }
        let held = max(1, Int((Double(rows.count) * policy.validationFraction).rounded()))
        guard rows.count - held >= 10 else {
            throw WorkspaceError("cannot train on \(rows.count) rows: too few for a training block and a validation block (need at least \(10 + held))")
        }
        let validation = Array(rows[(rows.count - held)...])
        let (training, purged) = Purge.training(Array(rows[..<(rows.count - held)]), labelEnd: matrix.labelEnd,
                                                testStart: matrix.ts[validation[0]], embargo: policy.embargoNanoseconds)
        guard training.count >= 10 else {
            throw WorkspaceError("cannot train: only \(training.count) rows remain after purging \(purged) whose labels overlap the validation block")
        }
        return (training, validation, purged)
    }

    /// Row-major float32 features of `rows`; labels as class codes when an encoder is given; the
    /// prior's log-odds as base margins when there is one (`classes`: the model's, for scoring).
    static func dmatrix(_ matrix: Matrix, rows: [Int], encoder: LabelEncoder? = nil, prior: TrainingPrior? = nil, classes: [String]? = nil) throws -> DMatrix {
        let width = matrix.featureNames.count
        var values = [Float](repeating: .nan, count: rows.count * width)
        for (r, row) in rows.enumerated() {
            for f in 0..<width { values[r * width + f] = Float(matrix.features[f][row]) }
        }
        let labels = encoder.map { e in rows.map { Float(e.code(matrix.labels[$0]) ?? -1) } }
        let margins = try prior?.margins(matrix, rows: rows, classes: classes ?? encoder?.classes ?? [])
        return try DMatrix(values: values, rowCount: rows.count, columnCount: width, labels: labels, margins: margins)
    }

    /// Class probabilities, `[row][class]`: a binary model's p becomes [1 − p, p].
    /// Every scoring path (walk-forward, alerts, live, replays) comes through here, so a model
    /// trained with a prior is always scored from the same margins.
    static func probabilities(_ booster: Booster, classes: [String], prior: TrainingPrior?, _ matrix: Matrix, rows: [Int]) throws -> [[Double]] {
        guard !rows.isEmpty else { return [] }
        let raw = try booster.predict(try dmatrix(matrix, rows: rows, prior: prior, classes: classes))
        let n = classes.count
        if n == 2 {
            return raw.map { p in [1 - Double(p), Double(p)] }
        }
        return (0..<rows.count).map { r in (0..<n).map { Double(raw[r * n + $0]) } }
    }
}
