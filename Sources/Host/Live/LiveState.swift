import Foundation
import PackKit

/// `live_data/<model>/live_state.json`, replaced whole each cycle (temp file, rename; fsync'd
/// too when the cycle added decisions and on the last cycle):
/// the latest decisions and the health the dashboard's live mode and `/metrics` read
/// (`model`, `updated_at`, `health.{symbol, stream_status, data_freshness_seconds,
/// stream_lag_seconds, scoring_latency_ms, stale_flag, stale_reason}` and the capture's
/// `capture_*` figures when the recording has them, `decisions`), plus the
/// clock and the counters over every row of `live_monitor.jsonl` (so they survive restarts).
enum LiveState {
    static let latestDecisions = 20

    static func json(_ monitor: LiveMonitor, clock: Int64, health: LiveHealth, file: LiveMonitorFile, latest: [JSON], cycles: Int) -> JSON {
        let rows = Array(file.rows.values)
        let shadowed = rows.filter { $0["shadow"] != nil && $0["shadow"] != .null }
        let canary = rows.filter { $0["route"]?.stringValue == CanaryRouter.Route.canary.rawValue }.count
        let routed = rows.filter { $0["route"]?.stringValue != SignalRoute.full }.count
        func count(_ f: (JSON) -> Bool) -> JSON { .number(Double(rows.filter(f).count)) }
        let wall = Timestamps.iso(Int64(Date().timeIntervalSince1970) * 1_000_000_000)
        return .object([
            "model": .string(monitor.context.modelID), "updated_at": .string(wall), "clock": .string(Timestamps.iso(clock)),
            "mode": .string(monitor.poller == nil ? "replay" : "poll"), "recording": .string(monitor.options.replayFrom),
            "session": .string(Timestamps.date(monitor.recording.session)),
            "model_version": .string(monitor.modelVersion), "shadow_version": monitor.shadow.map { .string($0.version) } ?? .null,
            "health": .object([
                "symbol": .string(health.symbol), "stream_status": .string(health.staleReason == nil ? "ok" : "stale"),
                "data_freshness_seconds": health.freshness.map(JSON.number) ?? .null, "stream_lag_seconds": .number(health.streamLag),
                "scoring_latency_ms": .rounded(health.scoringLatencyMs, 3), "stale_flag": .bool(health.staleReason != nil),
                "stale_reason": health.staleReason.map(JSON.string) ?? .null,
                "warm_up_dropped": .number(Double(health.warmUpDropped)),
            ].merging(health.recordingFields) { a, _ in a }),
            "counters": .object([
                "cycles": .number(Double(cycles)), "decisions_total": .number(Double(rows.count)),
                "favorable_total": count { $0["policy_status"]?.stringValue == "favorable" },
                "stale_rows_total": count { $0["stale_flag"]?.boolValue == true },
                "shadow_signals_evaluated_total": .number(Double(shadowed.count)),
                "shadow_signals_approved_total": .number(Double(shadowed.filter { $0["shadow"]?["approved"]?.boolValue == true }.count)),
                "canary_fraction_realized": .number(routed > 0 ? Double(canary) / Double(routed) : 0),
            ]),
            "decisions": .array(latest.map(summary)),
            "notes": .strings(monitor.notes),
        ])
    }

    /// A decision as the dashboard shows it (the full row is in live_monitor.jsonl).
    static func summary(_ row: JSON) -> JSON {
        var o: [String: JSON] = [:]
        for key in ["key", "decision_ts", "entity_key", "predicted_class", "probability", "action", "threshold", "policy_status",
                    "policy_reason", "stale_flag", "model_version", "route", "risk_tier", "ladder_rank", "ci_low", "ci_high"] {
            if let v = row[key], v != .null { o[key] = v }
        }
        return .object(o)
    }
}
