import PackKit

/// How a model is trained. Recorded in `meta.json`; its digest is the artifact's `policy_sha`.
public struct TrainingPolicy: Sendable, Equatable {
    /// New York hours (of the decision time) the model is trained on and trades; empty = all.
    public var allowedHours: [Int] = []
    public var maxRounds = 400
    public var earlyStoppingRounds = 40
    /// The share of the (time-ordered) training rows held out, at the end, for early stopping.
    public var validationFraction = 0.2
    /// Extra gap between the last training label and the first held-out decision.
    public var embargoSeconds: Int64 = 86_400
    public var maxDepth = 3
    public var learningRate = 0.05
    public var minChildWeight = 5.0
    public var lambda = 1.0
    public var seed = 0
    /// XGBoost threads. One by default: matrices of a few thousand decisions train fastest on one
    /// thread, and idle OpenMP workers spin, starving a busy 2-core machine.
    public var threads = 1
    /// The pack's prior (`prior:` in defaults.yaml): trees learn the correction to it. nil = none.
    public var prior: TrainingPrior?

    public init(allowedHours: [Int] = []) {
        self.allowedHours = allowedHours.sorted()
    }

    public var embargoNanoseconds: Int64 { embargoSeconds * 1_000_000_000 }

    /// XGBoost's booster parameters for `classes` label values.
    func boosterParams(classes: Int) -> [(String, String)] {
        let objective: [(String, String)] = classes == 2
            ? [("objective", "binary:logistic"), ("eval_metric", "logloss")]
            : [("objective", "multi:softprob"), ("num_class", "\(classes)"), ("eval_metric", "mlogloss")]
        return objective + [
            ("tree_method", "hist"), ("max_depth", "\(maxDepth)"), ("eta", "\(learningRate)"),
            ("min_child_weight", "\(minChildWeight)"), ("lambda", "\(lambda)"), ("seed", "\(seed)"),
            ("nthread", "\(threads)"), ("verbosity", "0"),
        ]
    }

    public var json: JSON {
        var fields: [String: JSON] = [
            "allowed_hours": .array(allowedHours.map { .number(Double($0)) }),
            "max_rounds": .number(Double(maxRounds)), "early_stopping_rounds": .number(Double(earlyStoppingRounds)),
            "validation_fraction": .number(validationFraction), "embargo_seconds": .number(Double(embargoSeconds)),
            "max_depth": .number(Double(maxDepth)), "learning_rate": .number(learningRate),
            "min_child_weight": .number(minChildWeight), "lambda": .number(lambda), "seed": .number(Double(seed)),
            "threads": .number(Double(threads)), "tree_method": .string("hist"),
        ]
        // Only when set: models without a prior keep their policy_sha.
        if let prior { fields["prior"] = prior.json }
        return .object(fields)
    }

    public var sha: String { Hashing.sha256(json.text) }
}
