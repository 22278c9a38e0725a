/// Purging and embargo (López de Prado, AFML ch. 7): a training row whose label is still
/// open when the held-out block begins would teach the model the answer it is tested on.
public enum Purge {
    /// `rows` (training candidates) kept when the held-out block starts at `testStart`: only
    /// those whose label ended more than `embargo` nanoseconds before it.
    public static func training(_ rows: [Int], labelEnd: [Int64], testStart: Int64, embargo: Int64) -> (kept: [Int], purged: Int) {
        let kept = rows.filter { labelEnd[$0] + embargo < testStart }
        return (kept, rows.count - kept.count)
    }
}

/// Label values ↔ XGBoost class indices: sorted values, so the same labels give the same codes.
public struct LabelEncoder: Sendable, Equatable {
    public let classes: [String]

    public init(labels: some Sequence<String>) {
        classes = Array(Set(labels)).sorted()
    }

    public init(classes: [String]) { self.classes = classes }

    public func code(_ label: String) -> Int? { classes.firstIndex(of: label) }
}
