import Foundation
import Host

/// The registry's series, read from the registry at each scrape (the ledger is the record, so
/// counters derived from it survive restarts): which version is active and shadow per model,
/// rollbacks by reason, rollout mode switches. Series without a source in this process yet
/// (shadow signals, realised canary fraction, drift, freshness, scoring latency, kill switch)
/// are declared and stay at 0 or empty until the live monitor feeds them.
enum RegistryMetrics {
    static func text(_ registry: Registry) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples {
                let labels = sample.labels.map { "\($0.0)=\"\(escaped($0.1))\"" }.joined(separator: ",")
                out += "\(name)\(labels.isEmpty ? "" : "{\(labels)}") \(number(sample.value))\n"
            }
        }
        let models = (try? registry.models()) ?? []
        let ledger = (try? registry.ledger()) ?? []
        func slotSamples(_ slot: RegistrySlot) -> [(labels: [(String, String)], value: Double)] {
            models.compactMap { model in
                (try? registry.slot(slot, model: model)).flatMap { $0 }.map { ([("model", model), ("version", $0.version)], 1) }
            }
        }
        family("model_active_id", "gauge", "The active version of each model (info gauge: always 1).", slotSamples(.active))
        family("model_shadow_id", "gauge", "The shadow version of each model (info gauge: always 1).", slotSamples(.shadow))
        family("shadow_signals_evaluated_total", "counter", "Decisions the shadow version scored (fed by the live monitor).", [([], 0)])
        family("shadow_signals_approved_total", "counter", "Shadow decisions that cleared their threshold (fed by the live monitor).", [([], 0)])
        family("canary_fraction_realized", "gauge", "Share of decisions the shadow served in canary mode (fed by the live monitor).", [([], 0)])
        // Rollback lines carry the active slot; the guard's own "passed" lines carry none.
        let rollbacks = ledger.filter { ($0.action == "rollback" || $0.action == "guard") && $0.slot == .active }
        family("rollback_total", "counter", "Rollbacks recorded in the registry ledger, by reason (manual or guard).",
               ["manual", "guard"].map { reason in
                   ([("reason", reason)], Double(rollbacks.filter { ($0.action == "rollback" ? "manual" : "guard") == reason }.count))
               })
        family("mode_switch_total", "counter", "Rollout mode changes recorded in the registry ledger.",
               [([], Double(ledger.filter { $0.action == "rollout" }.count))])
        family("psi_feature", "gauge", "Population stability index per feature from the last drift check.", [])
        family("ks_feature", "gauge", "Kolmogorov–Smirnov statistic per feature from the last drift check.", [])
        family("data_freshness_seconds", "gauge", "Age of the newest bar per symbol (fed by the live monitor).", [])
        family("scoring_latency_seconds", "gauge", "Time the last live scoring took (fed by the live monitor).", [([], 0)])
        family("kill_switch_state", "gauge", "1 when the kill switch stops live decisions, else 0.", [([], 0)])
        return out
    }

    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
