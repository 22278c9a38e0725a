import Foundation
import Host

/// The registry's series, read from the registry at each scrape (the ledger is the record, so
/// counters derived from it survive restarts): which version is active and shadow per model,
/// rollbacks by reason, rollout mode switches. Shadow signals, the realised canary fraction,
/// drift, freshness, scoring latency and the kill switch come from the workspace's files (`LiveMetrics`).
enum RegistryMetrics {
    static func text(_ registry: Registry) -> String {
        var out = PrometheusText()
        let models = (try? registry.models()) ?? []
        let ledger = (try? registry.ledger()) ?? []
        func slotSamples(_ slot: RegistrySlot) -> [PrometheusText.Sample] {
            models.compactMap { model in
                (try? registry.slot(slot, model: model)).flatMap { $0 }.map { ([("model", model), ("version", $0.version)], 1) }
            }
        }
        out.family("model_active_id", "gauge", "The active version of each model (info gauge: always 1).", slotSamples(.active))
        out.family("model_shadow_id", "gauge", "The shadow version of each model (info gauge: always 1).", slotSamples(.shadow))
        // Rollback lines carry the active slot; the guard's own "passed" lines carry none.
        let rollbacks = ledger.filter { ($0.action == "rollback" || $0.action == "guard") && $0.slot == .active }
        out.family("rollback_total", "counter", "Rollbacks recorded in the registry ledger, by reason (manual or guard).",
                   ["manual", "guard"].map { reason in
                       ([("reason", reason)], Double(rollbacks.filter { ($0.action == "rollback" ? "manual" : "guard") == reason }.count))
                   })
        out.family("mode_switch_total", "counter", "Rollout mode changes recorded in the registry ledger.",
                   [([], Double(ledger.filter { $0.action == "rollout" }.count))])
        return out.text
    }
}
