import PackKit

/// Per-feature NaN shares of the training matrix against warn / fail budgets, and a minimum
/// number of rows. Facts: `{"rows": N, "nan_pct": {"feature": percent 0-100, ...}}`.
let dataQAGate = Gate(ComponentInfo(
    id: "data_qa", version: "1.0.0",
    description: "Data QA: fails when a feature's NaN share reaches fail_nan_pct or rows < min_rows, warns from warn_nan_pct",
    params: [
        .float("warn_nan_pct", default: 10, min: 0, max: 100, "NaN percentage of a feature that warns"),
        .float("fail_nan_pct", default: 30, min: 0, max: 100, "NaN percentage of a feature that fails"),
        .int("min_rows", default: 1, min: 0, "fewest rows that pass"),
    ],
    outputs: []
)) { facts, params in
    let gate = "data_qa"
    let warn = try params.double("warn_nan_pct"), fail = try params.double("fail_nan_pct")
    let minRows = try params.int("min_rows")
    let rows = try Facts.number(facts, "rows", gate: gate)
    guard case .object(let shares)? = facts["nan_pct"] else {
        throw ComponentError("\(gate): facts lack the object 'nan_pct' (got \(facts.text))")
    }
    var status = GateVerdict.Status.pass
    var reasons: [String] = []
    if rows < Double(minRows) {
        status = .fail
        reasons.append("rows \(Facts.decimal(rows, 0)) < min_rows \(minRows)")
    }
    for name in shares.keys.sorted() {
        guard let pct = shares[name]?.doubleValue else {
            throw ComponentError("\(gate): nan_pct of '\(name)' is not a number (got \(shares[name]?.text ?? "nothing"))")
        }
        let share = "\(name): \(Facts.decimal(pct, 1))% NaN"
        if pct >= fail {
            status = .fail
            reasons.append("\(share) >= fail_nan_pct \(Facts.decimal(fail, 1))%")
        } else if pct >= warn {
            if status == .pass { status = .warn }
            reasons.append("\(share) >= warn_nan_pct \(Facts.decimal(warn, 1))%")
        }
    }
    return GateVerdict(status, reasons: reasons)
}
