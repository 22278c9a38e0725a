import Foundation
import Host
import PackKit

/// The production series, read from the workspace at each scrape, so they show what the
/// monitors last wrote even across server restarts:
/// - `data_freshness_seconds{model,symbol}` and `scoring_latency_seconds{model}` from each
///   `live_data/<model>/live_state.json` (`health.data_freshness_seconds`, `health.scoring_latency_ms`,
///   `health.symbol` when present; README "Dashboard"); `stream_lag_seconds{model,symbol}` and,
///   when the monitor replays a capture that recorded its health, `capture_reconnects`,
///   `capture_retries`, `capture_queue_depth` and `capture_flush_age_seconds` (`{model,symbol}`,
///   `health.capture_*`: what the recording said, gauges because a recording's counts are its
///   own, not the server's); and `shadow_signals_evaluated_total`,
///   `shadow_signals_approved_total` and `canary_fraction_realized` (`{model}`) from its `counters`
///   (README "Live monitor");
/// - `psi_feature` and `ks_feature{run,symbol,feature}` from each `runs/<run>/drift/<symbol>.json`
///   (`edgehost monitor drift`);
/// - `kill_switch_state{run,symbol}` from each `runs/<run>/kill_switch_status.json`: 0 PASS,
///   1 WARN, 2 HALT (`edgehost kill-switch`).
/// A file that is missing, too large or not the expected JSON is skipped: a scrape never fails on it.
enum LiveMetrics {
    static let maxFileBytes = 8 << 20

    static func text(_ workspace: Workspace) -> String {
        var freshness: [PrometheusText.Sample] = [], latency: [PrometheusText.Sample] = []
        var evaluated: [PrometheusText.Sample] = [], approved: [PrometheusText.Sample] = [], canary: [PrometheusText.Sample] = []
        var lag: [PrometheusText.Sample] = []
        var capture = Dictionary(uniqueKeysWithValues: captureSeries.map { ($0.field, [PrometheusText.Sample]()) })
        for model in (try? DashboardDataRoutes.liveModels(workspace)) ?? [] {
            let state = read(DashboardDataRoutes.liveStatePath(model, workspace: workspace))
            if let counters = state?["counters"] {
                if let n = counters["shadow_signals_evaluated_total"]?.doubleValue { evaluated.append(([("model", model)], n)) }
                if let n = counters["shadow_signals_approved_total"]?.doubleValue { approved.append(([("model", model)], n)) }
                if let x = counters["canary_fraction_realized"]?.doubleValue { canary.append(([("model", model)], x)) }
            }
            guard let health = state?["health"] else { continue }
            let labels = [("model", model), ("symbol", health["symbol"]?.stringValue ?? "")]
            if let age = health["data_freshness_seconds"]?.doubleValue { freshness.append((labels, age)) }
            if let seconds = health["stream_lag_seconds"]?.doubleValue { lag.append((labels, seconds)) }
            for series in captureSeries {
                if let x = health[series.field]?.doubleValue { capture[series.field]?.append((labels, x)) }
            }
            if let ms = health["scoring_latency_ms"]?.doubleValue { latency.append(([("model", model)], ms / 1000)) }
        }
        var psi: [PrometheusText.Sample] = [], ks: [PrometheusText.Sample] = [], kill: [PrometheusText.Sample] = []
        for run in runs(workspace) {
            let driftFolder = workspace.path("runs", run, "drift")
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: driftFolder)) ?? []).sorted() where file.hasSuffix(".json") {
                let symbol = String(file.dropLast(5))
                guard ModelID.isValid(symbol), case .array(let rows)? = read("\(driftFolder)/\(file)")?["features"] else { continue }
                for row in rows {
                    guard let feature = row["feature"]?.stringValue else { continue }
                    let labels = [("run", run), ("symbol", symbol), ("feature", feature)]
                    if let value = row["psi"]?.doubleValue { psi.append((labels, value)) }
                    if let value = row["ks"]?.doubleValue { ks.append((labels, value)) }
                }
            }
            if let status = read(workspace.path("runs", run, "kill_switch_status.json")),
               let verdict = status["status"]?.stringValue, let level = ["PASS": 0.0, "WARN": 1, "HALT": 2][verdict.uppercased()] {
                kill.append(([("run", run), ("symbol", status["symbol"]?.stringValue ?? "")], level))
            }
        }
        var out = PrometheusText()
        out.family("shadow_signals_evaluated_total", "counter", "Decisions the shadow version scored, per live model (live_state.json counters).", evaluated)
        out.family("shadow_signals_approved_total", "counter", "Shadow decisions that cleared their threshold, per live model (live_state.json counters).", approved)
        out.family("canary_fraction_realized", "gauge", "Share of routed live decisions the shadow served in canary mode (live_state.json counters).", canary)
        out.family("psi_feature", "gauge", "Population stability index per feature from the last drift check (edgehost monitor drift).", psi)
        out.family("ks_feature", "gauge", "Kolmogorov–Smirnov statistic per feature from the last drift check.", ks)
        out.family("data_freshness_seconds", "gauge", "Age of the newest data per live model and symbol (live_state.json).", freshness)
        out.family("scoring_latency_seconds", "gauge", "Time the last live scoring cycle took per model (live_state.json).", latency)
        out.family("stream_lag_seconds", "gauge", "Stream lag of the last live cycle per model and symbol: the replay's or the capture's, the larger (live_state.json).", lag)
        for series in captureSeries { out.family(series.field, "gauge", series.help, capture[series.field] ?? []) }
        out.family("kill_switch_state", "gauge", "The last kill-switch verdict per run and symbol: 0 PASS, 1 WARN, 2 HALT.", kill)
        return out.text
    }

    /// The capture's health a live state carries (`health.<field>`), one gauge each.
    static let captureSeries: [(field: String, help: String)] = [
        ("capture_reconnects", "Reconnects the replayed capture recorded, per live model and symbol (live_state.json)."),
        ("capture_retries", "Retried requests the replayed capture recorded, per live model and symbol (live_state.json)."),
        ("capture_queue_depth", "Queue depth the replayed capture last recorded, per live model and symbol (live_state.json)."),
        ("capture_flush_age_seconds", "Age of the replayed capture's last flush when it stopped, per live model and symbol (live_state.json)."),
    ]

    /// Run folders with a valid id, sorted.
    static func runs(_ workspace: Workspace) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: workspace.path("runs"))) ?? []).filter(ModelID.isValid).sorted()
    }

    static func read(_ path: String) -> JSON? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, size <= maxFileBytes,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSON.parse(String(decoding: data, as: UTF8.self))
    }
}
