import Foundation
import PackKit

extension LiveMonitor {
    /// `replay_inputs` of the rows a run writes: the recording and the loop's options that shape a
    /// row (the clock's step, freshness rule, injected pause, threshold), the versions scoring,
    /// and the digests of everything read (`ReplayInputs`: the recording's bars files, pack
    /// binaries, model artifacts and reports, the model's configuration).
    static func replayInputs(options: LiveOptions, recording: Recording, firstClock: Int64, plan: ModelPlan, registry: Registry,
                             scorers: (active: Scorer, shadow: Scorer?, rollout: RolloutConfig?)) throws -> JSON {
        var inputs = ReplayInputs()
        // A polled recording grows after a row: its rows carry the digest of the bars they knew
        // (`known_data_sha`) instead of the files'.
        for symbol in recording.symbols where !options.polled {
            guard let relative = recording.manifest["files"]?[symbol]?["path"]?.stringValue,
                  let sha = recording.manifest["files"]?[symbol]?["sha256"]?.stringValue else { continue }
            inputs.add(.data, "recording \(relative)", path: (recording.folder as NSString).appendingPathComponent(relative), sha: sha)
        }
        try inputs.addPlan(plan)
        try inputs.addScorer(scorers.active)
        if let shadow = scorers.shadow { try inputs.addScorer(shadow) }
        return .object([
            "recording": .string(URL(fileURLWithPath: recording.folder).standardizedFileURL.path), "registry": .string(registry.root),
            "every_ns": .number(Double(options.every)), "stale_after_ns": .number(Double(options.staleAfter)),
            "pause_at": options.pauseAt.map { .string(Timestamps.iso($0)) } ?? .null, "pause_for_ns": .number(Double(options.pauseFor)),
            "threshold_option": options.threshold.map(JSON.number) ?? .null,
            "shadow_version": scorers.shadow.map { .string($0.version) } ?? .null, "rollout": scorers.rollout?.json ?? .null,
            "inputs": inputs.json,
            "mode": .string(options.polled ? "poll" : "replay"), "first_clock": .string(Timestamps.iso(firstClock)),
        ])
    }

    /// The row of decision `ts` (`entity`) made again as the loop made it at `clock`: the bars
    /// the stream had delivered then, the candidates of that instant through the builder, the
    /// versions' probabilities and `LiveDecision` (with the pack's per-row outputs over the
    /// instant's whole ladder, as the loop scores it). The scoring latency, the one figure that
    /// is not deterministic, is the recorded one.
    func rederive(ts: Int64, entity: String?, clock: Int64, scoringLatencyMs: Double) throws -> JSON? {
        var health = LiveHealth(symbol: options.symbol, recording: recording)
        // The cycle before ran `every` earlier (none before the first), as in `run`.
        health.observe(feed, clock: clock, previous: clock > firstClock ? clock - options.every : nil, staleAfter: options.staleAfter)
        health.knownDataSHA = options.polled ? Self.knownDataSHA(feed, clock: clock) : nil
        health.scoringLatencyMs = scoringLatencyMs
        let matrix = try builder.candidates(feed.known(at: clock), day: recording.session, clock: clock) { t, _ in t != ts }.matrix
        guard let row = (0..<matrix.rowCount).first(where: { matrix.keys?[$0] == entity }) else { return nil }
        let rows = Array(0..<matrix.rowCount)
        let p = try active.artifact.probabilities(matrix, rows: rows)
        let q = try shadow?.artifact.probabilities(matrix, rows: rows)
        let decisions = rows.map { LiveDecision(monitor: self, matrix: matrix, row: $0, active: p[$0], shadow: q?[$0], clock: clock, health: health) }
        guard let ladders else { return decisions[row].json }
        return try LiveDecision.rows(decisions, ladders: ladders)[row]
    }
}
