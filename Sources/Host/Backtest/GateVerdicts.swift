import Foundation
import PackKit

/// Would this model be allowed to trade under a risk profile? The pack's quality gate judges the
/// out-of-sample result, and the profile's own budgets are checked too (threshold floor,
/// drawdown); every failure says which budget and by how much.
struct GateVerdict {
    let profile: RiskBudget
    let status: String
    let reasons: [String]
    let result: ConfigurationResult?
    /// The fewest trades a threshold needed to be chosen, and whether none reached it.
    var minTrades = 1
    var fellBack = false

    /// The pack's quality gate, ready to judge many results.
    struct Judge {
        let gate: PackGate?
        let gateID: String
        /// The gate's `min_trades` parameter (given or default), when it has one.
        let gateMinTrades: Int?

        init(_ ref: ComponentRef?, plan: ModelPlan) throws {
            gate = try ref.map { try PackGate(pack: try plan.catalogue.pack($0.pack), id: $0.id, params: $0.params) }
            gateID = ref?.id ?? "quality"
            gateMinTrades = try ref.flatMap { ref in
                let info = try plan.catalogue.pack(ref.pack).info(.gate, ref.id)
                return try ParameterValidator.complete(ref.params, against: info.params, component: "quality gate '\(ref.pack).\(ref.id)'")["min_trades"]?
                    .doubleValue.map { Int($0) }
            }
        }

        /// The fewest trades a threshold needs to be a profile's best: the profile's `min_trades`
        /// budget, else the quality gate's `min_trades`, else 1.
        func minTrades(_ profile: RiskBudget) -> Int {
            max(1, profile.number("min_trades").map { Int($0) } ?? gateMinTrades ?? 1)
        }

        func verdict(_ result: ConfigurationResult, profile: RiskBudget) throws -> GateVerdict {
            let m = result.metrics
            var reasons: [String] = []
            var status = "pass"
            if let gate {
                let facts: JSON = .object([
                    "sharpe": .number(m.sharpe.isFinite ? m.sharpe : 0), "trades": .number(Double(m.trades)),
                    "max_drawdown": .number(m.maxDrawdown.isFinite ? abs(m.maxDrawdown) : 0),
                ])
                let verdict = try gate.evaluate(facts)
                if verdict["status"]?.stringValue == "fail" { status = "fail" }
                if case .array(let r)? = verdict["reasons"] { reasons += r.compactMap(\.stringValue).map { "\(gateID): \($0)" } }
            }
            let d = GateVerdict.decimal
            if result.rules.threshold < profile.thresholdFloor - 1e-12 {
                status = "fail"
                reasons.append("risk \(profile.id): threshold \(d(result.rules.threshold)) < threshold_floor \(d(profile.thresholdFloor)) (short by \(d(profile.thresholdFloor - result.rules.threshold)))")
            }
            if let budget = profile.maxDrawdown, m.maxDrawdown.isFinite, abs(m.maxDrawdown) > budget {
                status = "fail"
                reasons.append("risk \(profile.id): max_drawdown \(d(abs(m.maxDrawdown))) > budget \(d(budget)) (over by \(d(abs(m.maxDrawdown) - budget)))")
            }
            if m.trades == 0 { reasons.append("no trades at threshold \(d(result.rules.threshold)) (Sharpe taken as 0)") }
            return GateVerdict(profile: profile, status: status, reasons: reasons, result: result)
        }
    }

    /// Each profile trades its best threshold at or above its floor, with its own stake and cap.
    static func judge(_ profiles: [RiskBudget], judge: Judge, evaluate: (TradeRules) -> ConfigurationResult,
                      request: BacktestRequest) throws -> [GateVerdict] {
        try profiles.map { profile in
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
            let minTrades = judge.minTrades(profile)
            let best = ConfigurationResult.best(results, minTrades: minTrades)
            var verdict = try judge.verdict(best?.result ?? results[0], profile: profile)
            verdict.minTrades = minTrades
            verdict.fellBack = best?.fellBack ?? false
            return verdict
        }
    }

    var json: JSON {
        var o: [String: JSON] = [
            "risk_profile": .string(profile.id), "budgets": profile.budgets, "status": .string(status), "reasons": .strings(reasons),
        ]
        if let result {
            o["threshold"] = .number(result.rules.threshold)
            o["metrics"] = result.metrics.json
            o["min_trades"] = .number(Double(minTrades))
            o["meets_min_trades"] = .bool(!fellBack && result.metrics.trades >= minTrades)
        }
        return .object(o)
    }

    static func decimal(_ x: Double) -> String { String(format: "%.2f", x) }
}
