import PackKit

/// A pack's `training:` section in defaults.yaml: the booster settings its models need when they
/// differ from the host's (`TrainingPolicy`'s defaults). zerodteput's few hundred decisions a
/// month, a few dozen of them breaches, are fitted by trees that must each hold real weight
/// (`min_child_weight`), or a fold learns one crash session by heart.
///
/// ```yaml
/// training: { max_depth: 2, min_child_weight: 50 }
/// ```
public struct TrainingOverrides: Sendable, Equatable {
    public var maxDepth: Int?
    public var minChildWeight: Double?
    public var lambda: Double?
    public var maxRounds: Int?

    public init() {}

    init(_ json: JSON, source: String) throws(WorkspaceError) {
        var r = try ObjectReader(json, context: "\(source): training")
        func number(_ key: String, _ range: ClosedRange<Double>, whole: Bool) throws(WorkspaceError) -> Double? {
            guard let value = r.value(key) else { return nil }
            // Checked before any Int conversion: NaN or a huge number would trap.
            guard let x = value.doubleValue, range.contains(x), !whole || x.rounded() == x else {
                throw WorkspaceError("\(source): training: \(key) must be \(whole ? "a whole number" : "a number") in \(range.lowerBound)…\(range.upperBound), got \(EscapedText.text(value.text))")
            }
            return x
        }
        maxDepth = try number("max_depth", 1...12, whole: true).map { Int($0) }
        minChildWeight = try number("min_child_weight", 0...10_000, whole: false)
        lambda = try number("lambda", 0...10_000, whole: false)
        maxRounds = try number("max_rounds", 1...10_000, whole: true).map { Int($0) }
        try r.finish()
    }

    /// `policy` with the pack's settings.
    func apply(to policy: inout TrainingPolicy) {
        if let maxDepth { policy.maxDepth = maxDepth }
        if let minChildWeight { policy.minChildWeight = minChildWeight }
        if let lambda { policy.lambda = lambda }
        if let maxRounds { policy.maxRounds = maxRounds }
    }
}
