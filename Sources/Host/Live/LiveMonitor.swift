import Foundation
import MarketKit
import PackKit

/// `edgehost live`: the frozen active model of the registry scores the decisions of a session
/// as the data arrives. Never trains. Before its loop it refuses (exit 78, `notReady`) a model
/// with no active version, one whose features are not the data's, and one trained through a
/// session too long before; then each cycle takes the data known at the clock, builds the
/// candidate rows features-only (`CandidateBuilder`), scores them with the active version (and
/// the shadow, counted), upserts them into `live_monitor.jsonl` and replaces `live_state.json`.
public final class LiveMonitor {
    public let context: ModelContext
    public let options: LiveOptions
    /// For a polled run, as first written (its session, adapter and market; the bars grow in `feed`).
    public let recording: Recording
    private(set) var feed: ReplayFeed
    /// Polling the adapter (`--replay-from` absent); nil for a replay.
    let poller: LivePoller?
    /// The first cycle's clock (`LiveOptions.firstClock`, else the first session bar, else now).
    public let firstClock: Int64
    let builder: CandidateBuilder
    let active: Scorer
    let shadow: Scorer?
    let rollout: RolloutConfig?
    let activeEntry: RegistryEntry
    let risk: RiskBudget
    /// The pack's per-row outputs (`event_outputs`), calibrated by the active version's backtest report.
    let ladders: EventLadders?
    /// The day of the last decision the active version was trained on.
    public let trainedThrough: Int32
    /// Said once, before the loop: e.g. the model was trained on the replayed session.
    public private(set) var notes: [String] = []
    let assumptionsHash: String
    let folder: String
    /// What `edgehost replay` needs to make a row again (`replay_inputs`, one per run).
    let replayInputs: JSON

    /// `pinned` (a replay) scores with the versions named instead of the registry's slots.
    init(context: ModelContext, options: LiveOptions, registry: Registry, pinned: PinnedVersions?) throws {
        try options.check()
        self.context = context
        self.options = options
        let model = context.modelID
        guard FileManager.default.fileExists(atPath: registry.root), let entry = try pinned?.active ?? registry.slot(.active, model: model) else {
            throw EdgehostError(code: "no-active-model", object: model,
                                "no active version in the registry \(registry.root): the live monitor scores a frozen registered model and never trains; train, backtest, then `edgehost registry register --model \(model)` and `edgehost registry promote --to active --id \(model)@v1`",
                                exit: .notReady)
        }
        activeEntry = entry
        let plan = context.plan
        guard options.symbol == plan.config.ticker else {
            throw EdgehostError(code: "usage", object: "--symbol", "model \(model) is trained on \(plan.config.ticker), not \(options.symbol)", exit: .usage)
        }
        var polledFrom: Int64?
        if let session = options.poll {
            let poller = try LivePoller(plan: plan, symbol: options.symbol, session: session, folder: options.replayFrom)
            // Not before the session's first bar is due: a monitor started before the open waits.
            var start = max(options.firstClock ?? Int64(Date().timeIntervalSince1970) * 1_000_000_000, poller.firstDue)
            if options.firstClock == nil { Self.sleep(untilWall: start) }
            _ = try poller.poll(at: start)
            // On the wall clock a vendor may answer the first bar late: poll again each cycle until it has.
            while options.firstClock == nil, !poller.hasSessionBar(), start < poller.end {
                start += options.every
                Self.sleep(untilWall: start)
                _ = try poller.poll(at: start)
            }
            (self.poller, polledFrom) = (poller, start)
        } else {
            poller = nil
        }
        recording = try Recording(folder: options.replayFrom)
        let planParams = try ParameterValidator.complete(plan.adapter.params, against: try plan.catalogue.pack(plan.adapter.pack).info(.dataAdapter, plan.adapter.id).params,
                                                         component: "\(plan.adapter.pack).\(plan.adapter.id)")
        guard recording.pack == plan.adapter.pack, recording.adapter == plan.adapter.id, recording.adapterParams == planParams else {
            throw EdgehostError(code: "recording-mismatch", object: options.replayFrom,
                                "recorded from \(recording.pack).\(recording.adapter) \(JSON.object(recording.adapterParams).text), but model \(model) reads \(plan.adapter.pack).\(plan.adapter.id) \(JSON.object(planParams).text); record with `edgehost stream capture --model \(model)`",
                                exit: .badInput)
        }
        builder = try CandidateBuilder(plan: plan)
        feed = try Self.feed(try recording.bars(options.symbol), lateBars: recording.lateBars[options.symbol] ?? [:], session: recording.session,
                             options: options, builder: builder)
        firstClock = polledFrom ?? options.firstClock ?? feed.start
        // The schema the data gives (set features + the labeler's row features) against the frozen model's.
        let known = feed.count(at: feed.start)
        let names = try builder.candidates(feed.bars.prefix(rows: max(known, 1)), day: recording.session, clock: feed.start, skip: { _, _ in true }).matrix.featureNames
        // The labeler's declared lookback, checked on the data known now before a cycle trusts it.
        if let note = try builder.verifyTail(feed.bars.prefix(rows: max(known, 1))) { notes.append(note) }
        let artifact = try ModelArtifact(folder: registry.folder(entry))
        guard Matrix.schemaSHA(names) == entry.schemaHash, names == artifact.featureNames else {
            throw EdgehostError(code: "schema-mismatch", object: entry.id,
                                "\(entry.id) was trained on feature schema \(entry.schemaHash.prefix(12)) (\(artifact.featureNames.joined(separator: ", "))), the data gives \(Matrix.schemaSHA(names).prefix(12)) (\(names.joined(separator: ", "))); retrain and register, or fix the indicator set",
                                exit: .notReady)
        }
        guard let last = artifact.meta["training"]?["last_decision"]?.stringValue.flatMap(Timestamps.parseInstant) else {
            throw EdgehostError(code: "model-too-old", object: entry.id, "meta.json does not say which session the model was trained through (training.last_decision); retrain and register", exit: .notReady)
        }
        trainedThrough = builder.market.day(last)
        let age = Int(recording.session) - Int(trainedThrough)
        if age > options.maxModelAgeDays {
            throw EdgehostError(code: "model-too-old", object: entry.id,
                                "trained through \(Timestamps.date(trainedThrough)), \(age) days before the live session \(Timestamps.date(recording.session)) (limit --max-model-age \(options.maxModelAgeDays) days); retrain, register and promote a recent version",
                                exit: .notReady)
        }
        if age <= 0 {
            notes.append("\(entry.id) was trained through \(Timestamps.date(trainedThrough)), not before the replayed session \(Timestamps.date(recording.session)): its scores on this session are in-sample")
        }
        risk = try RiskBudget(artifact.riskProfile, pack: plan.pack, defaults: context.defaults)
        let scorers = try AlertStage(workspace: context.workspace, ledger: RunLedger(workspace: context.workspace), registry: registry)
            .scorers(model: model, risk: risk, threshold: options.threshold, hours: nil, pinned: pinned)
        (active, shadow, rollout) = (scorers.active, scorers.shadow, scorers.rollout)
        if let spec = context.defaults.eventOutputs {
            for name in [spec.credit, spec.mid, spec.riskNeutral] + spec.rowFields where !names.contains(name) {
                throw EdgehostError(code: "schema-mismatch", object: name, "event_outputs reads feature '\(name)', which the data does not give (it gives: \(names.joined(separator: ", ")))", exit: .notReady)
            }
            ladders = try EventLadders(spec: spec, scorer: active)
        } else {
            ladders = nil
        }
        folder = context.workspace.path("live_data", model)
        assumptionsHash = Hashing.sha256(JSON.object([
            "risk_profile": risk.json, "threshold": .number(active.threshold), "allowed_hours": .array(active.allowed.sorted().map { .number(Double($0)) }),
            "stale_after_ns": .number(Double(options.staleAfter)),
            // A polled recording grows each cycle: its folder, not its digest, is the assumption.
            "recording": .string(options.polled ? "polled into \(options.replayFrom)" : recording.sha),
            "shadow": shadow.map { .string($0.version) } ?? .null, "rollout": rollout?.json ?? .null,
        ]).text)
        replayInputs = try Self.replayInputs(options: options, recording: recording, firstClock: firstClock, plan: plan, registry: registry, scorers: (active, shadow, rollout))
    }

    public convenience init(context: ModelContext, options: LiveOptions, registry: Registry) throws {
        try self.init(context: context, options: options, registry: registry, pinned: nil)
    }

    public var monitorPath: String { (folder as NSString).appendingPathComponent(LiveMonitorFile.name) }
    public var statePath: String { (folder as NSString).appendingPathComponent("live_state.json") }
    public var modelVersion: String { active.version }
    public var threshold: Double { active.threshold }

    /// One cycle, for the caller's progress line (and the tests' check of the state file).
    public struct Cycle: Sendable {
        public let clock: Int64
        public let added: Int
        public let state: JSON
    }

    public struct Outcome: Sendable {
        public let cycles: Int
        public let added: Int
        public let rows: Int
        public let staleRows: Int
        /// "replay finished", "max runtime reached" or "stopped by a signal".
        public let ended: String
    }

    /// Runs cycles until the recording is replayed, `maxRuntime` passes or `stop` is cancelled
    /// (SIGINT/SIGTERM): the cycle in progress finishes and writes its state first.
    public func run(stop: Cancellation = Cancellation(), onCycle: (Cycle) throws -> Void = { _ in }) throws -> Outcome {
        var file = try LiveMonitorFile(path: monitorPath)
        AtomicFile.removeLeftovers(of: monitorPath)
        let started = Date()
        var clock = firstClock, delivered = 0, cycles = 0, added = 0
        var latest: [JSON] = []
        var health = LiveHealth(symbol: options.symbol, recording: recording)
        let finished = poller == nil ? "replay finished" : "session closed"
        var ended = finished
        while true {
            if let poller, cycles > 0, try poller.poll(at: clock) { try reload(poller) }
            let n = feed.count(at: clock)
            health.observe(feed, clock: clock, previous: cycles == 0 ? nil : clock - options.every, staleAfter: options.staleAfter)
            var upserted = 0
            if n > delivered || cycles == 0 {
                health.knownDataSHA = options.polled ? Self.knownDataSHA(feed, clock: clock) : nil
                let t0 = DispatchTime.now().uptimeNanoseconds
                let rows = try decide(feed.known(at: clock), clock: clock, file: file, health: &health, started: t0)
                upserted = try file.upsert(rows)
                added += upserted
                if !rows.isEmpty { latest = Array((latest + rows).suffix(LiveState.latestDecisions)) }
            }
            delivered = n
            cycles += 1
            if stop.isCancelled { ended = "stopped by a signal" }
            if Date().timeIntervalSince(started) >= options.maxRuntime { ended = "max runtime reached" }
            let last = stop.isCancelled || ended != finished || clock >= (poller?.end ?? feed.end)
            let state = LiveState.json(self, clock: clock, health: health, file: file, latest: latest, cycles: cycles)
            // Always whole (rename); synced to disk when decisions were added and at the end: a
            // power cut may lose the newest health figures of a quiet cycle, never a decision.
            if upserted > 0 || last {
                try DurableFile.write(Data(state.prettyText.utf8), to: statePath)
            } else {
                try AtomicFile.write(state.prettyText, to: statePath)
            }
            try onCycle(Cycle(clock: clock, added: added, state: state))
            if last { break }
            clock += options.every
            if poller != nil, options.firstClock == nil {
                // The wall clock: the next cycle when its time comes.
                let wait = Double(clock) / 1e9 - Date().timeIntervalSince1970
                if wait > 0, !sleep(wait, stop: stop) { ended = "stopped by a signal"; break }
            } else if let speed = options.speed, !sleep(Double(options.every) / 1e9 / speed, stop: stop) {
                ended = "stopped by a signal"
                break
            }
        }
        let staleRows = file.rows.values.filter { $0["stale_flag"]?.boolValue == true }.count
        return Outcome(cycles: cycles, added: added, rows: file.rows.count, staleRows: staleRows, ended: ended)
    }

    /// Recorded bars as the stream delivers them (on time, paused, late).
    static func feed(_ bars: Frame, lateBars: [Int64: Int64], session: Int32, options: LiveOptions, builder: CandidateBuilder) throws -> ReplayFeed {
        try ReplayFeed(bars: bars, lag: builder.adapterLag, session: session, market: builder.market.day,
                       pauseAt: options.pauseAt, pauseFor: options.pauseFor, lateBars: lateBars)
    }

    /// The poller saw new bars: the feed is its bars, as it has just written them (a recording's
    /// bars read back are the same, bit for bit: `RecordedBars`), without reading them back.
    private func reload(_ poller: LivePoller) throws {
        guard let bars = poller.seen else { return }
        feed = try Self.feed(bars, lateBars: poller.late, session: recording.session, options: options, builder: builder)
    }

    /// The digest of the bars known at `clock` (as `RecordedBars` writes them): a polled row's
    /// data, which its replay checks, since the recording it names grew after it.
    static func knownDataSHA(_ feed: ReplayFeed, clock: Int64) -> String {
        Hashing.sha256(RecordedBars.csv(feed.known(at: clock)))
    }

    static func sleep(untilWall instant: Int64) {
        let wait = Double(instant) / 1e9 - Date().timeIntervalSince1970
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }

    /// Sleeps `seconds` in short slices; false when `stop` was cancelled meanwhile.
    private func sleep(_ seconds: Double, stop: Cancellation) -> Bool {
        var left = seconds
        while left > 0 {
            if stop.isCancelled { return false }
            let slice = min(left, 0.05)
            Thread.sleep(forTimeInterval: slice)
            left -= slice
        }
        return !stop.isCancelled
    }

    /// The new decisions known at `clock`, built, scored and judged.
    private func decide(_ bars: Frame, clock: Int64, file: LiveMonitorFile, health: inout LiveHealth, started: UInt64) throws -> [JSON] {
        let model = context.modelID, session = recording.session
        let candidates = try builder.candidates(bars, day: session, clock: clock) { ts, entity in
            file.rows[LiveMonitorFile.key(model: model, session: session, ts: ts, entity: entity, version: self.active.version)] != nil
        }
        let matrix = candidates.matrix
        health.warmUpDropped = candidates.warmUpDropped
        guard matrix.rowCount > 0 else { return [] }
        let rows = Array(0..<matrix.rowCount)
        let p = try active.artifact.probabilities(matrix, rows: rows)
        let q = try shadow?.artifact.probabilities(matrix, rows: rows)
        health.scoringLatencyMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        let decisions = rows.map { i in
            LiveDecision(monitor: self, matrix: matrix, row: i, active: p[i], shadow: q?[i], clock: clock, health: health)
        }
        guard let ladders else { return decisions.map(\.json) }
        return try LiveDecision.rows(decisions, ladders: ladders)
    }
}
