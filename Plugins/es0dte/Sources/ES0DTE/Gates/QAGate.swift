import PackKit

/// The es0dte data-QA gate: all must pass for a build. Facts: the matrix profile's `rows`,
/// `nan_pct` and the labeler's QA facts `qa: {qa_purity, qa_atr_premarket_bars, qa_clock_0930,
/// qa_physics}` (min / max / mean over the decisions):
/// - front-month purity ≥ `min_purity` at every decision (session-to-date share of the volume);
/// - `minutes_since_open` is 0 on the 09:30 New York bar of every session (the clock is right,
///   daylight saving included);
/// - no premarket bar in any ATR window (ATR from RTH bars only);
/// - physics coverage: the share of decisions with barrier, tape and fuel measured > `min_physics_coverage`;
/// - NaN share of each feature below `fail_nan_pct` (levels not yet known give NaN distances).
let esQAGate = Gate(ComponentInfo(
    id: "es_qa", version: "1.0.0",
    description: "es0dte data QA: front-month purity, session clock at 09:30, no premarket in ATR, physics coverage, NaN budget",
    params: [
        .float("min_purity", default: 0.6, min: 0, max: 1, "lowest front-month share of the volume that passes"),
        .float("min_physics_coverage", default: 0, min: 0, max: 1, "physics coverage must exceed this share"),
        .float("fail_nan_pct", default: 95, min: 0, max: 101, "NaN percentage of a feature that fails"),
        .int("min_rows", default: 1, min: 0, "fewest decisions that pass"),
    ],
    outputs: []
)) { facts, params in
    let gate = "es_qa"
    func fact(_ name: String, _ stat: String) throws -> Double? {
        guard let entry = facts["qa"]?[name] else { throw ComponentError("\(gate): facts lack qa.\(name) (is the labeler es0dte.level_touch?) (got \(facts.text))") }
        return entry[stat]?.doubleValue
    }
    var reasons: [String] = []
    let rows = try Facts.number(facts, "rows", gate: gate)
    if rows < Double(try params.int("min_rows")) { reasons.append("rows \(Facts.decimal(rows, 0)) < min_rows \(try params.int("min_rows"))") }
    let minPurity = try params.double("min_purity")
    if let purity = try fact("qa_purity", "min"), purity < minPurity {
        reasons.append("front-month purity \(Facts.decimal(100 * purity, 1)) % < \(Facts.decimal(100 * minPurity, 1)) % (the lowest session-to-date share at a decision)")
    } else if try fact("qa_purity", "min") == nil, rows > 0 {
        reasons.append("front-month purity unknown (no volume)")
    }
    let clockLow = try fact("qa_clock_0930", "min"), clockHigh = try fact("qa_clock_0930", "max")
    if rows > 0, clockLow != 0 || clockHigh != 0 {
        reasons.append("minutes_since_open at 09:30 New York is \(clockLow.map { Facts.decimal($0, 0) } ?? "missing")..\(clockHigh.map { Facts.decimal($0, 0) } ?? "missing"), not 0")
    }
    if let leaked = try fact("qa_atr_premarket_bars", "max"), leaked > 0 {
        reasons.append("premarket leakage: \(Facts.decimal(leaked, 0)) premarket bar(s) in an ATR window (ATR must use RTH bars only)")
    }
    let coverage = try fact("qa_physics", "mean") ?? 0
    if rows > 0, coverage <= (try params.double("min_physics_coverage")) {
        reasons.append("physics coverage \(Facts.decimal(100 * coverage, 1)) % of decisions (barrier, tape and fuel measured) is not above \(Facts.decimal(100 * (try params.double("min_physics_coverage")), 1)) %")
    }
    if case .object(let shares)? = facts["nan_pct"] {
        let fail = try params.double("fail_nan_pct")
        for name in shares.keys.sorted() {
            if let pct = shares[name]?.doubleValue, pct >= fail { reasons.append("\(name): \(Facts.decimal(pct, 1))% NaN >= fail_nan_pct \(Facts.decimal(fail, 1))%") }
        }
    }
    return GateVerdict(reasons.isEmpty ? .pass : .fail, reasons: reasons)
}
