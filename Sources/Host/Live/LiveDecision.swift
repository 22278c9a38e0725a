import Foundation
import PackKit

/// What the loop knew about its data when it scored: the stream's lag, the data's age, the time
/// the features and the model took, and why the data is stale (nil when it is not).
struct LiveHealth: Sendable {
    let symbol: String
    var freshness: Double?
    var streamLag: Double = 0
    var scoringLatencyMs: Double = 0
    var staleReason: String?
    var warmUpDropped = 0
    /// The recording's own health figures for the symbol (a vendor capture's; nil for sim/file).
    var capture: CaptureHealth?
    /// Recorded bars before the newest delivered one that the stream has not delivered yet (late).
    var missingBars: [Int64] = []
    /// Polling: the digest of the bars known at the clock (`LiveMonitor.knownDataSHA`).
    var knownDataSHA: String?

    init(symbol: String) { self.symbol = symbol }
}

/// One row of `live_monitor.jsonl`: anchors, scores, policy, health and provenance of one
/// decision, judged when it was first scored.
///
/// Policy: `favorable` when the served version's call clears its threshold in an allowed hour
/// with a class that trades (the alerts' rule, `Scorer.call`) and the data is fresh;
/// `neutral` otherwise; `blocked` whenever the data is stale — the data at the clock older than
/// `--stale-after`, or the decision scored more than `--stale-after` after its entry anchor
/// (its data arrived late) — or has a gap: a bar up to the decision time that the stream has
/// not delivered though later ones came (`bars_missing`: features on a gap are not the
/// features the model was trained on). The reason is always written. A pack with `event_outputs` takes its
/// policy from `EventRowOutputs` instead (`LiveDecision+EventOutputs`).
struct LiveDecision {
    let monitor: LiveMonitor
    let matrix: Matrix
    let row: Int
    let active: [Double]
    let shadow: [Double]?
    let clock: Int64
    let health: LiveHealth

    var json: JSON {
        let model = monitor.context.modelID, ts = matrix.ts[row], entity = matrix.keys?[row]
        let hour = matrix.market.hour(ts)
        let anchor = ts + monitor.builder.adapterLag
        let decisionKey = Signal.decisionKey(model: model, ts: ts, key: entity)
        let route = monitor.shadow == nil ? SignalRoute.full : (monitor.rollout?.route(decisionKey: decisionKey) ?? SignalRoute.full)
        let activeCall = call(monitor.active, active, ts: ts, hour: hour, entity: entity)
        let shadowCall = monitor.shadow.flatMap { scorer in shadow.flatMap { call(scorer, $0, ts: ts, hour: hour, entity: entity) } }
        let canary = route == CanaryRouter.Route.canary.rawValue
        let served = canary ? monitor.shadow! : monitor.active
        let servedP = canary ? shadow! : active
        let servedCall = canary ? shadowCall : activeCall
        let best = OutOfSample.argmax(servedP)
        let staleReason = self.staleReason
        let status: String, reason: String
        if let blockReason {
            (status, reason) = ("blocked", blockReason)
        } else if let servedCall {
            (status, reason) = ("favorable", "p(\(served.artifact.encoder.classes[best]))=\(String(format: "%.3f", servedCall.probability)) ≥ threshold \(String(format: "%.2f", served.threshold)) in hour \(hour): \(servedCall.action)")
        } else {
            (status, reason) = ("neutral", neutralReason(served, servedP, hour: hour))
        }
        let classes = served.artifact.encoder.classes
        var o: [String: JSON] = [
            "key": .string(LiveMonitorFile.key(model: model, session: monitor.recording.session, ts: ts, entity: entity, version: monitor.active.version)),
            "model_id": .string(model), "symbol": .string(monitor.options.symbol),
            "session_date": .string(Timestamps.date(monitor.recording.session)), "decision_ts": .string(Timestamps.iso(ts)),
            "entity_key": entity.map(JSON.string) ?? .null, "entry_anchor_ts": .string(Timestamps.iso(anchor)),
            "scored_at": .string(Timestamps.iso(clock)), "hour": .number(Double(hour)),
            "predicted_class": .string(classes[best]), "probability": .number(servedP[best]),
            "probabilities": .object(Dictionary(uniqueKeysWithValues: zip(classes, servedP.map(JSON.number)))),
            "action": servedCall.map { .string($0.action) } ?? .null, "threshold": .number(served.threshold),
            "route": .string(route), "served_version": .string(served.version),
            "policy_status": .string(status), "policy_reason": .string(reason), "stale_flag": .bool(staleReason != nil),
            "stream_lag_seconds": .number(health.streamLag), "data_freshness_seconds": health.freshness.map(JSON.number) ?? .null,
            "scoring_latency_ms": .rounded(health.scoringLatencyMs, 3),
            "model_version": .string(monitor.active.version), "assumptions_hash": .string(monitor.assumptionsHash),
            "trained_through_session": .string(Timestamps.date(monitor.trainedThrough)),
            // A polled recording grows after the row: `known_data_sha` is its data's digest instead.
            "recording_sha": monitor.options.polled ? .null : .string(monitor.recording.sha),
            // Append-only, for `edgehost replay` and `reconcile`: the features scored, and what the row was made from.
            "features": .object(Dictionary(zip(matrix.featureNames, matrix.features.map { JSON.number($0[row]) })) { a, _ in a }),
            "replay_inputs": monitor.replayInputs,
        ]
        let missing = missingBars
        if !missing.isEmpty { o["bars_missing"] = .strings(missing.map(Timestamps.iso)) }
        if let sha = health.knownDataSHA { o["known_data_sha"] = .string(sha) }
        if let scorer = monitor.shadow, let shadow {
            let b = OutOfSample.argmax(shadow)
            o["shadow"] = .object(["version": .string(scorer.version), "predicted_class": .string(scorer.artifact.encoder.classes[b]),
                                   "probability": .number(shadow[b]), "approved": .bool(shadowCall != nil)])
        }
        return .object(o)
    }

    /// Why the decision's data is stale (nil when fresh): the cycle's data is old, or the
    /// decision is scored more than `--stale-after` after its entry anchor.
    var staleReason: String? {
        if let reason = health.staleReason { return reason }
        let late = Double(clock - (matrix.ts[row] + monitor.builder.adapterLag)) / 1e9
        guard late > Double(monitor.options.staleAfter) / 1e9 else { return nil }
        return "scored \(String(format: "%.0f", late)) s after its entry anchor (stale after \(monitor.options.staleAfter / 1_000_000_000) s): its data arrived late"
    }

    /// The recorded bars up to the decision time the stream has not delivered yet (late).
    var missingBars: [Int64] { health.missingBars.filter { $0 <= matrix.ts[row] } }

    /// Why the decision is blocked whatever its score: stale data, else a gap in it.
    var blockReason: String? {
        if let staleReason { return "stale data: " + staleReason }
        let missing = missingBars
        guard !missing.isEmpty else { return nil }
        return "data gap: \(missing.count) bar(s) up to the decision not delivered yet (\(missing.map(Timestamps.iso).joined(separator: " ")))"
    }

    func call(_ scorer: Scorer, _ p: [Double], ts: Int64, hour: Int, entity: String?) -> Signal? {
        guard scorer.allowed.isEmpty || scorer.allowed.contains(hour) else { return nil }
        return scorer.call(p, ts: ts, hour: hour, model: monitor.context.modelID, key: entity)
    }

    func neutralReason(_ scorer: Scorer, _ p: [Double], hour: Int) -> String {
        let best = OutOfSample.argmax(p), label = scorer.artifact.encoder.classes[best]
        if !(scorer.allowed.isEmpty || scorer.allowed.contains(hour)) {
            return "hour \(hour) is not among the model's hours \(scorer.allowed.sorted().map(String.init).joined(separator: ","))"
        }
        if p[best] < scorer.threshold { return "p(\(label))=\(String(format: "%.3f", p[best])) below threshold \(String(format: "%.2f", scorer.threshold))" }
        return "class \(label) does not trade"
    }
}
