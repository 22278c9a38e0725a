import Foundation
import PackKit

/// Would this model be allowed to trade under each of the pack's risk profiles? Each profile
/// trades its best threshold at or above its floor, with its own stake and daily cap; the pack's
/// quality gate judges the result, and the profile's drawdown budget is checked too.
struct GateVerdict {
    let profile: RiskBudget
    let status: String
    let reasons: [String]
    let result: ConfigurationResult?

    static func judge(_ profiles: [RiskBudget], gate: ComponentRef?, plan: ModelPlan, evaluate: (TradeRules) -> ConfigurationResult,
                      request: BacktestRequest) throws -> [GateVerdict] {
        let gateInstance = try gate.map { try PackGate(pack: try plan.catalogue.pack($0.pack), id: $0.id, params: $0.params) }
        return try profiles.map { profile in
            let eligible = request.thresholds.filter { $0 >= profile.thresholdFloor - 1e-12 }
            guard !eligible.isEmpty else {
                return GateVerdict(profile: profile, status: "fail", reasons: [
                    "no threshold tried is at or above the profile's floor \(decimal(profile.thresholdFloor)) (tried \(request.thresholds.map(decimal).joined(separator: ", ")))",
                ], result: nil)
            }
            let results = eligible.map { t in
                evaluate(TradeRules(threshold: t, allowedHours: request.allowedHours, topPct: request.topPct,
                                    maxTradesPerDay: profile.maxTradesPerDay, positionSize: profile.positionSize))
            }
            let chosen = ConfigurationResult.best(results) ?? results[0]
            let m = chosen.metrics
            var reasons: [String] = []
            var status = "pass"
            if let gateInstance {
                let facts: JSON = .object([
                    "sharpe": .number(m.sharpe.isFinite ? m.sharpe : 0), "trades": .number(Double(m.trades)),
                    "max_drawdown": .number(m.maxDrawdown.isFinite ? abs(m.maxDrawdown) : 0),
                ])
                let verdict = try gateInstance.evaluate(facts)
                if verdict["status"]?.stringValue == "fail" { status = "fail" }
                if case .array(let r)? = verdict["reasons"] { reasons += r.compactMap(\.stringValue).map { "\(gate!.id): \($0)" } }
            }
            if let budget = profile.maxDrawdown, m.maxDrawdown.isFinite, abs(m.maxDrawdown) > budget {
                status = "fail"
                reasons.append("risk \(profile.id): max_drawdown \(decimal(abs(m.maxDrawdown))) > budget \(decimal(budget)) (over by \(decimal(abs(m.maxDrawdown) - budget)))")
            }
            if m.trades == 0 { reasons.append("no trades at threshold \(decimal(chosen.rules.threshold)) (Sharpe taken as 0)") }
            return GateVerdict(profile: profile, status: status, reasons: reasons, result: chosen)
        }
    }

    var json: JSON {
        var o: [String: JSON] = [
            "risk_profile": .string(profile.id), "budgets": profile.budgets, "status": .string(status), "reasons": .strings(reasons),
        ]
        if let result {
            o["threshold"] = .number(result.rules.threshold)
            o["metrics"] = result.metrics.json
        }
        return .object(o)
    }

    static func decimal(_ x: Double) -> String { String(format: "%.2f", x) }
}
