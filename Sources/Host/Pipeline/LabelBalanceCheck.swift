import PackKit

/// The run's check between build and train: a classifier needs two label values or more. A
/// build whose labels are all one value (es0dte on quiet days: no touch moved 15 points within
/// its hour, so every label is TIMEOUT) stops the run here, naming the label balance, rather
/// than inside the trainer.
public enum LabelBalanceCheck {
    /// Why the run cannot train on the build whose report (profile) is `report`, or nil when
    /// its labels hold two values or more (or the report has no balance to judge).
    public static func stopReason(_ report: JSON) -> String? {
        guard case .object(let balance)? = report["label_balance"] else { return nil }
        let counts = balance.compactMapValues(\.doubleValue).filter { $0.value > 0 }
        guard counts.count < 2 else { return nil }
        let total = counts.values.reduce(0, +)
        let text = counts.keys.sorted().map { "\($0) \(Facts.decimal(counts[$0]!, 0)) (\(Facts.decimal(100 * counts[$0]! / total, 1)) %)" }
        return "label balance \(text.isEmpty ? "empty (no rows)" : text.joined(separator: ", ")): the build's \(Facts.decimal(total, 0)) row(s) "
            + "hold \(counts.count) label value(s) and a classifier needs at least 2, so there is nothing to train; "
            + "build a range whose outcomes differ (the pack's README says which ranges train)"
    }
}
