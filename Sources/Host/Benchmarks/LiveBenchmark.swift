import Foundation
import PackKit

/// `edgehost bench live`: the live monitor's scoring latency on the zerodteput simulation, on
/// the live path itself (`CandidateBuilder` → the active version's probabilities →
/// `EventLadders`/`EventRowOutputs`), with a model trained, backtested and registered by
/// `run --pack zerodteput` on five simulated weeks (promoted to active with force when the
/// gate refuses it: the latency does not depend on the model's merit) and a recorded session
/// (2024-07-01).
///
/// - Decision latency: for each decision instant of the session, the time from its bar's arrival
///   to its ladder's outputs (features of the new instant + model + outputs: what a cycle does
///   when a bar brings a decision), counted once per decision (row) until `decisions` rows.
/// - One whole cycle of a `strikes`-strike ladder: the instant's candidate build, then
///   `strikes` rows scored as one ladder, their live rows, the upsert of live_monitor.jsonl and
///   live_state.json written. The pack's ladder has 6 rungs, so the 40 rows are the session's
///   real candidate rows (several instants' strikes) given one instant: the model, the outputs,
///   the rows and the files scale with the strikes; the candidate build is the 6-rung one.
/// - The peer's inputs: the ladder's features and the model file, for
///   `Benchmarks/live/peer.py` (Python xgboost `inplace_predict` on the same rows).
public enum LiveBenchmark {
    public static let session = "2024-07-01"

    public static func run(catalogue: PackCatalogue, folder: String, decisions: Int, strikes: Int, repeats: Int = 2_000) throws -> String {
        guard decisions > 0, strikes > 0, strikes <= 1_000 else {
            throw EdgehostError(code: "usage", object: "--decisions/--strikes", "need decisions > 0 and 1–1000 strikes", exit: .usage)
        }
        let workspace = Workspace(root: (folder as NSString).appendingPathComponent("workspace"))
        let registry = Registry(root: (folder as NSString).appendingPathComponent("registry"))
        var pipeline = PipelineRun(pack: "zerodteput")
        pipeline.runID = "bench-live"
        pipeline.start = try Timestamps.parseDate("2024-05-28")
        pipeline.end = try Timestamps.parseDate("2024-06-28")
        pipeline.registry = registry.root
        let trained = try pipeline.run(catalogue: catalogue, workspace: workspace)
        if let registration = trained.registration, !registration.active {
            _ = try registry.promote(id: registration.entry.id, to: .active, workspace: workspace, force: true,
                                     reason: "bench live: latency only", actor: "bench")
        }
        let context = try ModelContext(workspace: workspace, catalogue: catalogue, model: trained.modelID)
        let recording = (folder as NSString).appendingPathComponent("rec")
        _ = try StreamCapture(pack: context.plan.adapter.pack, adapter: context.plan.adapter.id, symbols: [context.plan.config.ticker],
                              session: try Timestamps.parseDate(session), out: recording, plan: context.plan).run(catalogue: catalogue)
        let monitor = try LiveMonitor(context: context, options: LiveOptions(model: trained.modelID, symbol: context.plan.config.ticker, replayFrom: recording),
                                      registry: registry)
        guard let ladders = monitor.ladders else { throw WorkspaceError("bench live: the zerodteput pack declares no event_outputs") }
        let (builder, feed, day, scorer) = (monitor.builder, monitor.feed, monitor.recording.session, monitor.active)

        // The session's decision instants, and the data known when each one's bar arrives.
        let all = try builder.candidates(feed.bars, day: day, clock: feed.end, skip: { _, _ in false }).matrix
        let instants = Array(Set(all.ts)).sorted()
        guard !instants.isEmpty, all.rowCount > 0 else { throw WorkspaceError("bench live: no decision on \(session)") }
        let known = instants.map { feed.bars.prefix(rows: feed.count(at: $0 + builder.adapterLag)) }

        var latency: [Double] = [], perRow: [Double] = [], ladderRows: [Int] = []
        var n = 0, i = 0
        while n < decisions {
            let t = instants[i % instants.count]
            let start = DispatchTime.now().uptimeNanoseconds
            let c = try builder.candidates(known[i % instants.count], day: day, clock: t + builder.adapterLag, skip: { ts, _ in ts < t }).matrix
            let rows = Array(0..<c.rowCount)
            let outputs = try ladders.outputs(c, rows: rows, probabilities: try scorer.artifact.probabilities(c, rows: rows))
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            guard outputs.count == c.rowCount, c.rowCount > 0 else { throw WorkspaceError("bench live: no ladder at \(Timestamps.iso(t))") }
            latency += Array(repeating: ms, count: min(c.rowCount, decisions - n))
            perRow.append(ms * 1_000 / Double(c.rowCount))
            ladderRows.append(c.rowCount)
            n += c.rowCount
            i += 1
        }

        let stageTimes = try stages(builder, known: known, instants: instants, day: day, scorer: scorer, ladders: ladders)

        // A ladder of `strikes` real candidate rows at one instant.
        var ladder = all
        let picked = (0..<strikes).map { $0 % all.rowCount }
        let instant = instants[instants.count / 2]
        ladder.ts = picked.map { _ in instant }
        ladder.features = all.features.map { column in picked.map { column[$0] } }
        ladder.labels = picked.map { _ in "" }
        ladder.labelEnd = ladder.ts
        ladder.keys = (0..<strikes).map { String(format: "P%06d", 4_000 + 5 * $0) }
        let ladderIndex = Array(0..<strikes)
        let oneDecision = Array(0..<(ladderRows.first ?? 1))

        func model(_ rows: [Int]) throws -> [Double] {
            try (0..<repeats).map { _ in
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try scorer.artifact.probabilities(ladder, rows: rows)
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            }
        }
        let modelOne = try model(oneDecision), modelLadder = try model(ladderIndex)

        let cycleFolder = (folder as NSString).appendingPathComponent("cycle")
        var cycle: [Double] = []
        for _ in 0..<20 {
            try? FileManager.default.removeItem(atPath: cycleFolder)
            try FileManager.default.createDirectory(atPath: cycleFolder, withIntermediateDirectories: true)
            var file = try LiveMonitorFile(path: (cycleFolder as NSString).appendingPathComponent(LiveMonitorFile.name))
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try builder.candidates(known[instants.count / 2], day: day, clock: instant + builder.adapterLag, skip: { ts, _ in ts < instant })
            let p = try scorer.artifact.probabilities(ladder, rows: ladderIndex)
            var health = LiveHealth(symbol: monitor.options.symbol)
            health.freshness = 0
            let rows = try LiveDecision.rows(ladderIndex.map {
                LiveDecision(monitor: monitor, matrix: ladder, row: $0, active: p[$0], shadow: nil, clock: instant + builder.adapterLag, health: health)
            }, ladders: ladders)
            guard try file.upsert(rows) == strikes else { throw WorkspaceError("bench live: the cycle did not write \(strikes) rows") }
            let state = LiveState.json(monitor, clock: instant + builder.adapterLag, health: health, file: file, latest: rows, cycles: 1)
            try DurableFile.write(Data(state.prettyText.utf8), to: (cycleFolder as NSString).appendingPathComponent("live_state.json"))
            cycle.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }

        // The peer's inputs: the ladder's features (full precision) and the model's breach probabilities.
        let peer = (folder as NSString).appendingPathComponent("peer")
        let event = try ladders.outputs(ladder, rows: ladderIndex, probabilities: try scorer.artifact.probabilities(ladder, rows: ladderIndex)).map(\.probability)
        var csv = (ladder.featureNames + ["swift_probability"]).joined(separator: ",") + "\n"
        for r in ladderIndex { csv += (ladder.features.map { $0[r].description } + [event[r].description]).joined(separator: ",") + "\n" }
        try AtomicFile.write(csv, to: (peer as NSString).appendingPathComponent("ladder.csv"))

        func stats(_ xs: [Double]) -> JSON {
            let s = xs.sorted()
            return .object(["p50": .rounded(DriftStatistics.percentile(s, 50), 4), "p99": .rounded(DriftStatistics.percentile(s, 99), 4),
                            "max": .rounded(s.last ?? 0, 4), "n": .number(Double(s.count))])
        }
        let p99 = DriftStatistics.percentile(latency.sorted(), 99)
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)).map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? ""
        return JSON.object([
            "bench": .string("live.zerodteput"), "session": .string(session), "model": .string("\(trained.modelID)@\(scorer.version)"),
            "decisions": .number(Double(latency.count)), "instants_scored": .number(Double(perRow.count)),
            "rows_per_instant": .number(Double(ladderRows.first ?? 0)),
            "decision_latency_ms": stats(latency), "goal_p99_ms": .number(1), "goal_met": .bool(p99 < 1),
            "per_row_us": stats(perRow),
            "stages_ms": stageTimes, "labeler_tail": .string(builder.tail.map { "the session's bars + \($0.text) (checked at start-up)" } ?? "whole frame"),
            "notes": .strings(monitor.notes),
            "model_ms_one_decision": stats(modelOne), "model_ms_ladder": stats(modelLadder),
            "strikes": .number(Double(strikes)), "cycle_ms": stats(cycle),
            "cycle_note": .string("candidate build of one instant (the pack's 6 rungs) + \(strikes) real candidate rows scored as one ladder + their live rows + upsert + live_state.json"),
            "peer_inputs": .object(["model": .string((registry.folder(monitor.activeEntry) as NSString).appendingPathComponent(ModelArtifact.modelFile)),
                                    "ladder": .string((peer as NSString).appendingPathComponent("ladder.csv")),
                                    "one_decision_rows": .number(Double(oneDecision.count)), "repeats": .number(Double(repeats))]),
            "load": .string(load), "unit": .string("ms"),
        ]).text
    }
}
