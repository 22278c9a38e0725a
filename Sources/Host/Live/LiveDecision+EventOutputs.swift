import PackKit

/// The rows of a pack with `event_outputs` (zerodteput): the decisions of each instant are
/// scored as one ladder by the function the alerts use (`EventLadders` → `EventRowOutputs.score`),
/// so each row carries the event's probability (`breach_probability`), `ci_low`, `ci_high`,
/// `risk_tier`, `ladder_rank` over all rows of its instant, the spec's `row_fields`
/// (`strike_return`), and its policy: `EventRowOutputs`' status and reason replace the threshold
/// rule's. Stale data or a gap blocks the whole ladder ("stale data: …", "data gap: …").
extension LiveDecision {
    static func rows(_ decisions: [LiveDecision], ladders: EventLadders) throws -> [JSON] {
        guard let matrix = decisions.first?.matrix else { return [] }
        // Per instant: the rows of one instant share their anchor, cycle and data.
        var blocked: [Int64: String] = [:]
        for d in decisions { if let reason = d.blockReason { blocked[matrix.ts[d.row]] = reason } }
        let outputs = try ladders.outputs(matrix, rows: decisions.map(\.row), probabilities: decisions.map(\.active),
                                          blockedBy: { blocked[$0] })
        let fields = try ladders.spec.rowFields.map { ($0, try EventLadders.feature($0, matrix)) }
        return zip(decisions, outputs).map { d, output in
            guard case .object(var o) = d.json else { return d.json }
            o["\(ladders.spec.name)_probability"] = .number(output.probability)
            o["ci_low"] = .number(output.interval.low)
            o["ci_high"] = .number(output.interval.high)
            o["risk_tier"] = .string(output.riskTier)
            o["ladder_rank"] = .number(Double(output.ladderRank))
            o["policy_status"] = .string(output.policyStatus)
            o["policy_reason"] = .string(output.policyReason)
            for (name, column) in fields { o[String(name.dropFirst(2))] = .number(column[d.row]) }
            return .object(o)
        }
    }
}
