import PackKit

/// What a backtest tries: thresholds (× top-%), walk-forward splits, hours.
public struct BacktestRequest: Sendable {
    public var thresholds: [Double]
    public var splits: Int
    /// Hours that may trade; the training policy's hours are the ones models learn from.
    public var allowedHours: [Int]
    public var topPct: Double?
    public var policy: TrainingPolicy
    /// The least a fold trains on; fewer splits are used when a fold would have less.
    public var minimum: MinimumTraining

    public init(thresholds: [Double], splits: Int, allowedHours: [Int], topPct: Double? = nil, policy: TrainingPolicy,
                minimum: MinimumTraining = .standard) throws {
        guard !thresholds.isEmpty, thresholds.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
            throw WorkspaceError("thresholds must be probabilities in (0, 1], e.g. 0.55,0.60,0.65 (got \(thresholds))")
        }
        if let topPct, !(topPct > 0 && topPct <= 1) {
            throw WorkspaceError("--top-pct must be a share in (0, 1], e.g. 0.10 (got \(topPct))")
        }
        guard splits >= 1 && splits <= 50 else { throw WorkspaceError("--splits must be between 1 and 50 (got \(splits))") }
        self.thresholds = Array(Set(thresholds)).sorted()
        self.splits = splits
        self.allowedHours = allowedHours.sorted()
        self.topPct = topPct
        self.policy = policy
        self.minimum = minimum
    }

    public var json: JSON {
        .object([
            "thresholds": .array(thresholds.map(JSON.number)), "splits": .number(Double(splits)),
            "allowed_hours": .array(allowedHours.map { .number(Double($0)) }),
            "top_pct": topPct.map(JSON.number) ?? .null, "policy": policy.json, "min_training": minimum.json,
        ])
    }
}
