import PackKit

/// A pack's `event_outputs:` in defaults.yaml: its binary model predicts an adverse event
/// (`event`, a label value), and each scored row gets the event's probability with a
/// confidence interval from the walk-forward's out-of-sample calibration, a risk tier, a rank
/// among the rows of its instant and a policy status (`EventRowOutputs`). Packs without the
/// section get none of it: their signals.csv keeps its columns.
///
/// ```yaml
/// event_outputs: { event: BREACHED, name: breach, credit: x_put_credit, mid: x_put_mid, risk_neutral: x_rn_breach, cap: 0.05 }
/// ```
public struct EventOutputSpec: Sendable, Equatable {
    /// The label value of the event (BREACHED).
    public var event: String
    /// The probability column's stem: `<name>_probability`.
    public var name: String
    /// Matrix features: what the trade collects after costs, the instrument's mid, and the
    /// market's own probability of the event (the baseline, also for the loss given the event).
    public var credit: String, mid: String, riskNeutral: String
    /// The highest upper CI a `favorable` row may have.
    public var cap: Double
    /// Row features (`x_…`) each live row also carries, named without the `x_` (`row_fields:
    /// [x_strike_return]` → `strike_return`); signals.csv keeps its columns.
    public var rowFields: [String] = []

    public init(event: String, name: String, credit: String, mid: String, riskNeutral: String, cap: Double) {
        self.event = event
        self.name = name
        self.credit = credit
        self.mid = mid
        self.riskNeutral = riskNeutral
        self.cap = cap
    }

    init(_ json: JSON, source: String) throws(WorkspaceError) {
        var r = try ObjectReader(json, context: "\(source): event_outputs")
        event = try r.string("event")
        name = try r.string("name")
        credit = try r.string("credit")
        mid = try r.string("mid")
        riskNeutral = try r.string("risk_neutral")
        let given = r.value("cap")
        let cap = given?.doubleValue ?? 0.05
        guard given == nil || given?.doubleValue != nil, cap > 0, cap < 1 else {
            throw WorkspaceError("\(source): event_outputs: cap must be a number in (0, 1), got \(given?.text ?? "")")
        }
        self.cap = cap
        let fields = try r.array("row_fields")
        rowFields = fields.compactMap(\.stringValue)
        guard rowFields.count == fields.count, rowFields.allSatisfy({ $0.hasPrefix("x_") && $0.count > 2 }) else {
            throw WorkspaceError("\(source): event_outputs: row_fields must list row feature names (x_…), got \(JSON.array(fields).text)")
        }
        try r.finish()
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw WorkspaceError("\(source): event_outputs: name '\(EscapedText.text(name))' must be letters, digits or _ (it names a CSV column)")
        }
    }

    /// The extra columns of signals.csv, in order.
    public var columns: [String] { ["\(name)_probability", "ci_low", "ci_high", "risk_tier", "ladder_rank", "policy_status", "policy_reason"] }

    var json: JSON {
        .object(["event": .string(event), "name": .string(name), "credit": .string(credit), "mid": .string(mid),
                 "risk_neutral": .string(riskNeutral), "cap": .number(cap)])
    }
}
