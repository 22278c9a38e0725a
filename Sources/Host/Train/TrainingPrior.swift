import Foundation
import PackKit

/// A binary pack's prior (`prior:` in defaults.yaml): a matrix feature that already is a
/// probability of one label value (zerodteput's N(−d2) of BREACHED). XGBoost starts every row
/// from the prior's log-odds (its `base_margin`) instead of one constant, so the trees learn the
/// correction to a strong baseline rather than the whole probability from a few hundred rows.
/// The same margin is set wherever the model scores (`Trainer.probabilities`): a model trained
/// with a prior means nothing without it (Python: `DMatrix(base_margin=…)`).
///
/// ```yaml
/// prior: { feature: x_rn_breach, label: BREACHED }
/// ```
public struct TrainingPrior: Sendable, Equatable {
    /// The feature holding the probability, in [0, 1].
    public var feature: String
    /// The label value it is the probability of.
    public var label: String

    /// Priors are clamped to [ε, 1 − ε]: a baseline of 1e-12 would be a margin no tree could
    /// move (its rows' hessians vanish), and no 0DTE breach is that impossible.
    static let epsilon = 1e-4

    public init(feature: String, label: String) {
        self.feature = feature
        self.label = label
    }

    init(_ json: JSON, source: String) throws(WorkspaceError) {
        var r = try ObjectReader(json, context: "\(source): prior")
        feature = try r.string("feature")
        label = try r.string("label")
        try r.finish()
    }

    var json: JSON { .object(["feature": .string(feature), "label": .string(label)]) }

    /// Reads the prior a model was trained with from its meta.json policy (nil: none).
    init?(policy: JSON?, source: String) throws {
        guard let json = policy?["prior"] else { return nil }
        try self.init(json, source: source)
    }

    /// The base margin of each of `rows`: the log-odds of XGBoost's positive class (the
    /// encoder's second) under the prior. A prior outside [0, 1] or NaN is bad data, named.
    func margins(_ matrix: Matrix, rows: [Int], classes: [String]) throws -> [Float] {
        guard classes.count == 2, let positive = classes.firstIndex(of: label) else {
            throw WorkspaceError("prior: '\(label)' must be one of the two label values of a binary model (classes: \(classes.joined(separator: ", ")))")
        }
        guard let column = matrix.featureNames.firstIndex(of: feature) else {
            throw WorkspaceError("prior: feature '\(feature)' is not a column of the matrix")
        }
        let values = matrix.features[column]
        return try rows.map { row in
            let q = values[row]
            guard q.isFinite, q >= 0, q <= 1 else {
                throw WorkspaceError("prior: feature '\(feature)' is \(q) at \(Timestamps.iso(matrix.ts[row])) (row \(row)); a probability in [0, 1] is needed")
            }
            let p = min(1 - Self.epsilon, max(Self.epsilon, positive == 1 ? q : 1 - q))
            return Float(log(p / (1 - p)))
        }
    }
}
