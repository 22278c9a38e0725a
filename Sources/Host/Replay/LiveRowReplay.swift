import Foundation
import PackKit

/// One row of `live_monitor.jsonl` made again: its recording, versions and loop options (its
/// `replay_inputs`), a monitor pinned to those versions, and the row as the loop made it at
/// its `scored_at` (`LiveMonitor.rederive`).
struct LiveRowReplay {
    let replay: DecisionReplay
    let model: String
    let row: JSON
    let file: String

    func run() throws -> DecisionReplay.Outcome {
        let key = row["key"]?.stringValue ?? ""
        let recorded = row["replay_inputs"]
        let inputs = try ReplayInputs(json: recorded?["inputs"], context: "\(file) row \(key)")
        guard let folder = recorded?["recording"]?.stringValue,
              FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(Recording.manifestFile)) else {
            throw EdgehostError(code: "replay-input-missing", object: recorded?["recording"]?.stringValue ?? key,
                                "the recording this live decision was made from is gone (no \(Recording.manifestFile)): it cannot be replayed",
                                exit: .unavailable)
        }
        let context = try ModelContext(workspace: replay.workspace, catalogue: replay.catalogue, model: model)
        func outcome(_ fields: [DecisionReplay.Field], _ checked: [String], _ difference: ReplayDifference?) -> DecisionReplay.Outcome {
            DecisionReplay.Outcome(key: key, model: model, kind: "live decision", file: file, fields: fields, checked: checked, difference: difference)
        }
        if let d = try inputs.firstDifference(plan: context.plan) { return outcome([], [], d) }
        var checked = ["\(inputs.inputs.count) input digests as recorded (recording bars, pack binaries, model artifacts and reports, configuration)"]
        let recording = try Recording(folder: folder)
        let polled = recorded?["mode"]?.stringValue == "poll"
        if !polled, recording.sha != row["recording_sha"]?.stringValue {
            return outcome([], checked, ReplayDifference(kind: .input, name: "recording \(folder)/\(Recording.manifestFile) capture_sha",
                                                         recorded: row["recording_sha"]?.stringValue ?? "(none)", replayed: recording.sha))
        }
        guard let version = row["model_version"]?.stringValue, let symbol = row["symbol"]?.stringValue,
              let ts = row["decision_ts"]?.stringValue.flatMap(Timestamps.parseInstant),
              let clock = row["scored_at"]?.stringValue.flatMap(Timestamps.parseInstant) else {
            throw WorkspaceError("\(file): row \(key) lacks model_version, symbol, decision_ts or scored_at")
        }
        var options = LiveOptions(model: model, symbol: symbol, replayFrom: folder)
        func nanoseconds(_ name: String) -> Int64? { recorded?[name]?.doubleValue.flatMap { Int64(exactly: $0) } }
        options.every = nanoseconds("every_ns") ?? options.every
        options.staleAfter = nanoseconds("stale_after_ns") ?? options.staleAfter
        options.pauseAt = recorded?["pause_at"]?.stringValue.flatMap(Timestamps.parseInstant)
        options.pauseFor = nanoseconds("pause_for_ns") ?? 0
        options.threshold = recorded?["threshold_option"]?.doubleValue
        options.firstClock = recorded?["first_clock"]?.stringValue.flatMap(Timestamps.parseInstant)
        options.polled = polled
        // The age limit guarded the loop's start; a replay re-derives whatever was scored.
        options.maxModelAgeDays = 3_660
        let registry = replay.registry(recorded: recorded?["registry"])
        let pinned = try PinnedVersions(registry: registry, model: model, active: version, shadow: recorded?["shadow_version"]?.stringValue,
                                        rollout: recorded?["rollout"])
        let monitor = try replay.cache.monitor(recorded?.text ?? "", version) {
            try LiveMonitor(context: context, options: options, registry: registry, pinned: pinned)
        }
        guard let made = try monitor.rederive(ts: ts, entity: row["entity_key"]?.stringValue, clock: clock,
                                              scoringLatencyMs: row["scoring_latency_ms"]?.doubleValue ?? 0) else {
            return outcome([], checked, ReplayDifference(kind: .field, name: "decision", recorded: "\(row["decision_ts"]?.text ?? "") \(row["entity_key"]?.text ?? "")",
                                                         replayed: "no such decision from the bars delivered by \(Timestamps.iso(clock))"))
        }
        let replayed = ReplayText.stored(made)
        let difference = DecisionComparison.first(recorded: row, replayed: replayed, probabilityFields: ["probabilities", "probability"])
        if difference == nil {
            checked.append("\(replayed["features"].map { if case .object(let o) = $0 { o.count } else { 0 } } ?? 0) features, the class probabilities and every other field bit for bit (scoring_latency_ms, wall time, is the recorded one)")
        }
        return outcome(DecisionReplay.fields(replayed), checked, difference)
    }
}
