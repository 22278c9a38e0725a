import PackKit

/// The zerodteput data-QA gate: all must pass for a build. Facts: the matrix profile's `rows`,
/// `nan_pct` and the labeler's QA facts `qa: {qa_ladder_complete, qa_rn_breach, qa_credit}`
/// (min / max / mean over the decisions):
/// - enough decisions (`min_rows`);
/// - the share of decisions whose whole ladder is quoted is at least `min_ladder_coverage`;
/// - every risk-neutral breach probability lies in [0, 1] (a pricing input went wrong otherwise);
/// - NaN share of each feature below `fail_nan_pct`.
let putQAGate = Gate(ComponentInfo(
    id: "put_qa", version: "1.0.0",
    description: "zerodteput data QA: decisions, ladder coverage, N(-d2) in [0, 1], NaN budget",
    params: [
        .int("min_rows", default: 20, min: 0, "fewest decisions that pass"),
        .float("min_ladder_coverage", default: 0.9, min: 0, max: 1, "lowest share of decisions with every rung quoted"),
        .float("fail_nan_pct", default: 50, min: 0, max: 101, "NaN percentage of a feature that fails"),
    ],
    outputs: []
)) { facts, params in
    let gate = "put_qa"
    func fact(_ name: String, _ stat: String) throws -> Double? {
        guard let entry = facts["qa"]?[name] else { throw ComponentError("\(gate): facts lack qa.\(name) (is the labeler zerodteput.put_breach?) (got \(facts.text))") }
        return entry[stat]?.doubleValue
    }
    var reasons: [String] = []
    let rows = try Facts.number(facts, "rows", gate: gate)
    let minRows = try params.int("min_rows")
    if rows < Double(minRows) { reasons.append("rows \(Facts.decimal(rows, 0)) < min_rows \(minRows)") }
    let coverage = try fact("qa_ladder_complete", "mean") ?? 0, minCoverage = try params.double("min_ladder_coverage")
    if rows > 0, coverage < minCoverage {
        reasons.append("ladder coverage \(Facts.decimal(100 * coverage, 1)) % of decisions < \(Facts.decimal(100 * minCoverage, 1)) %")
    }
    if rows > 0, let low = try fact("qa_rn_breach", "min"), let high = try fact("qa_rn_breach", "max"), low < 0 || high > 1 {
        reasons.append("risk-neutral breach probability \(Facts.decimal(low, 4))..\(Facts.decimal(high, 4)) outside [0, 1]")
    }
    if case .object(let shares)? = facts["nan_pct"] {
        let fail = try params.double("fail_nan_pct")
        for name in shares.keys.sorted() {
            if let pct = shares[name]?.doubleValue, pct >= fail { reasons.append("\(name): \(Facts.decimal(pct, 1))% NaN >= fail_nan_pct \(Facts.decimal(fail, 1))%") }
        }
    }
    return GateVerdict(reasons.isEmpty ? .pass : .fail, reasons: reasons)
}
