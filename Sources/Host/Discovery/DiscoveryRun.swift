import Foundation
import MarketKit
import PackKit

/// `edgehost discover`: a pack's event detectors over a window → phase 1 summaries, phase 2
/// candidates with the false-discovery gate, strategy blueprints and (`hybrid`) their
/// robustness, under one run id whose `runs/<run>/run_manifest.json` records the discovery
/// window (for `validate-oos`), each stage's status, timing, hashes and log, and a failed
/// stage by name. Every file is written atomically. Front ends print what it returns.
public struct DiscoveryRun {
    public var pack: String
    public var runID: String
    public var symbols: [String]
    public var start: Int32, end: Int32
    /// Which phases to run: 1 (summaries), 2 (candidates and blueprints), or both.
    public var phases: Set<Int> = [1, 2]
    public var adapter: String?
    public var adapterParams: [String: JSON] = [:]
    public var query: [String: JSON] = [:]
    /// One event type only; phase 2's gate then reuses the run's stored candidates of the others.
    public var eventType: String?
    public var hybrid = false
    public var horizons = Phase2.defaultHorizons
    public var fdr = 0.05
    public var minEvents = 30
    /// The risk profile whose budgets give the costs (nil = the pack's default, when it has any).
    public var riskProfile: String?
    /// Cost parameters over the profile's (`taker_fee_bps`, …; `TradingCosts.keys`).
    public var costOverrides: [String: JSON] = [:]
    public var checkCausality = true
    /// Recompute every lake partition even when its inputs are unchanged.
    public var force = false
    public var progress: Progress = .silent

    public init(pack: String, runID: String, symbols: [String], start: Int32, end: Int32) {
        self.pack = pack
        self.runID = runID
        self.symbols = symbols
        self.start = start
        self.end = end
    }

    public struct Outcome: Sendable {
        public var runID: String
        public var manifest: String
        public var eventTypes: [String]
        /// Events found per type (all symbols).
        public var events: [String: Int]
        /// Every candidate of the run (all event types, also those of earlier invocations), gated.
        public var candidates: [Candidate]
        public var blueprints: [JSON]
        /// Files written, workspace-relative paths in the order they were written.
        public var files: [String]
        public var costs: TradingCosts
        public var warnings: [String]
        /// The window's bars and events, as read from the lake (the strategies reuse them).
        public var series: EventSeries
        /// What each lake stage did per symbol (written or skipped, gaps, dropped rows).
        public var lake: [LakeStageReport]
        public var passing: Int { candidates.filter(\.passes).count }
    }

    public func run(catalogue: PackCatalogue, workspace: Workspace) throws -> Outcome {
        try RunLedger.check(runID: runID)
        try validate()
        let ledger = RunLedger(workspace: workspace, runID: runID)
        let manifest = RunManifest(ledger: ledger, command: "discover --pack \(pack)")
        manifest.extra["discovery"] = windowJSON
        return try manifest.recording { manifest in
            try run(catalogue: catalogue, workspace: workspace, manifest: manifest)
        }
    }

    /// What `validate-oos` reads back from the run manifest.
    var windowJSON: JSON {
        .object(["pack": .string(pack), "symbols": .strings(symbols), "start": .string(Timestamps.date(start)),
                 "end": .string(Timestamps.date(end))])
    }

    func validate() throws {
        guard !horizons.isEmpty, horizons.allSatisfy({ (1...100_000).contains($0) }) else {
            throw WorkspaceError("--horizons must be bar counts 1–100000, got \(horizons)")
        }
        guard fdr > 0, fdr < 1 else { throw WorkspaceError("--fdr must be between 0 and 1 (exclusive), got \(fdr)") }
        guard minEvents >= 1 else { throw WorkspaceError("--min-events must be at least 1, got \(minEvents)") }
        guard phases.isSubset(of: [1, 2]), !phases.isEmpty else { throw WorkspaceError("--phase must be 1 or 2") }
        guard !hybrid || phases.contains(2) else { throw WorkspaceError("--hybrid re-checks blueprints: it needs phase 2") }
        for symbol in symbols where symbol.isEmpty || !symbol.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            throw WorkspaceError("symbol '\(EscapedText.text(symbol))' is invalid: use letters, digits, '.', '_' and '-'")
        }
    }

    private func run(catalogue: PackCatalogue, workspace: Workspace, manifest: RunManifest) throws -> Outcome {
        let loaded = try catalogue.pack(pack)
        var costs = TradingCosts()
        if !(loaded.components[.riskProfile] ?? []).isEmpty {
            let risk = try RiskBudget(riskProfile, pack: loaded, defaults: try PackDefaults(pack: loaded))
            try costs.apply(risk.budgets, source: "risk profile \(pack).\(risk.id)")
        } else if let riskProfile {
            throw WorkspaceError("pack '\(pack)' has no risk profiles; --risk-profile \(riskProfile) cannot be used")
        }
        try costs.apply(.object(costOverrides), source: "command line")
        var files: [String] = []
        func stage<T>(_ name: String, inputs: JSON, _ body: () throws -> (value: T, outputs: [String], summary: String)) throws -> T {
            try manifest.stage(name, summary: { $0.summary }) {
                let started = Date()
                let result = try body()
                try manifest.ledger.record(RunLedger.Stage(model: "discover-\(pack)", name: name, inputs: inputs), status: "ok",
                                           started: started, ended: Date(), outputs: result.outputs)
                files += result.outputs.map(workspace.relative)
                return (value: result.value, summary: result.summary)
            }.value
        }
        let settings: JSON = .object(["window": windowJSON, "adapter": .string(adapter ?? "default"), "adapter_params": .object(adapterParams),
                                      "query": .object(query), "event_type": eventType.map(JSON.string) ?? .null,
                                      "horizons": .array(horizons.map { .number(Double($0)) }), "costs": costs.json,
                                      "fdr": .number(fdr), "min_events": .number(Double(minEvents))])
        // The data comes through the lake's stages, each skipping what is unchanged.
        var lake = try Lake(catalogue: catalogue, workspace: workspace, pack: pack, adapter: adapter, adapterParams: adapterParams, query: query)
        lake.force = force
        lake.checkCausality = checkCausality
        var build = try LakeBuild(lake: lake, symbols: symbols, start: start, end: end)
        build.progress = progress
        var lakeReports: [LakeStageReport] = []
        func lakeStage(_ name: String, _ body: () throws -> [LakeStageReport]) throws {
            let reports: [LakeStageReport] = try stage(name, inputs: settings) {
                let r = try body()
                return (r, [], r.map(\.line).joined(separator: "\n"))
            }
            lakeReports += reports
        }
        try lakeStage("ingest", build.ingest)
        try lakeStage("clean", build.clean)
        // An unknown --event-type fails here, in the stage that reads the detectors' columns.
        let series: EventSeries = try stage("features", inputs: settings) {
            let (reports, tables, paths) = try build.features(runID: runID)
            lakeReports += reports
            let notes = lakeReports.filter { $0.stage != .features }.flatMap { r in r.notes.map { "\(r.symbol): \(r.stage.verb): \($0)" } }
            return (try build.eventSeries(tables, eventTypes: eventType.map { [$0] }, warnings: notes), paths, reports.map(\.line).joined(separator: "\n"))
        }
        let dataInputs: JSON = .object(["settings": settings,
                                        "data_sha": .object(Dictionary(uniqueKeysWithValues: series.symbols.map { ($0.symbol, JSON.string($0.dataSHA)) }))])
        let occurrences = series.eventTypes.map { EventOccurrences(series, eventType: $0, horizons: horizons, costs: costs) }
        let counts = Dictionary(uniqueKeysWithValues: occurrences.map { ($0.eventType, $0.count) })

        if phases.contains(1) {
            try stage("phase1", inputs: dataInputs) {
                var paths: [String] = []
                for events in occurrences {
                    let path = workspace.path("reports", "phase1", runID, events.eventType, "summary.json")
                    try AtomicFile.write(Phase1.summary(events, series: series, runID: runID).prettyText, to: path)
                    paths.append(path)
                }
                return ((), paths, occurrences.map { "\($0.eventType) \($0.count) events" }.joined(separator: ", "))
            }
        }
        var all: [Candidate] = []
        var blueprints: [JSON] = []
        if phases.contains(2) {
            all = try stage("phase2", inputs: dataInputs) {
                let (gated, paths) = try phase2(occurrences, series: series, workspace: workspace)
                return (gated, paths, "\(gated.count) candidates in the run, \(gated.filter(\.passes).count) pass (FDR \(fdr), n ≥ \(minEvents), after-cost > 0)")
            }
            blueprints = try stage("blueprints", inputs: dataInputs) {
                let path = workspace.path("reports", "strategy_blueprints", runID, "blueprints.jsonl")
                let lines = all.filter(\.passes).map { c -> JSON in
                    let events = hybrid ? occurrences.first { $0.eventType == c.eventType } : nil
                    return Blueprint.json(c, series: series, runID: runID,
                                          robustness: events.map { Blueprint.robustness(c, events: $0, series: series) })
                }
                try AtomicFile.write(lines.map { $0.text + "\n" }.joined(), to: path)
                return (lines, [path], "\(lines.count) blueprint(s)\(hybrid ? " with robustness" : "")")
            }
        }
        return Outcome(runID: runID, manifest: manifest.path, eventTypes: series.eventTypes, events: counts, candidates: all,
                       blueprints: blueprints, files: files, costs: costs, warnings: series.warnings, series: series, lake: lakeReports)
    }

    /// Candidates of this invocation's event types, gated together with the run's stored
    /// candidates of the other types (from an earlier invocation), and every type's file rewritten.
    private func phase2(_ occurrences: [EventOccurrences], series: EventSeries, workspace: Workspace) throws -> ([Candidate], [String]) {
        var byType: [String: [Candidate]] = [:]
        for (i, events) in occurrences.enumerated() {
            progress.update("phase 2", i, of: occurrences.count)
            byType[events.eventType] = Phase2.candidates(events)
        }
        progress.finish()
        let folder = workspace.path("reports", "phase2", runID)
        for type in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where byType[type] == nil {
            let file = (folder as NSString).appendingPathComponent("\(type)/candidates.csv")
            if FileManager.default.fileExists(atPath: file) { byType[type] = try CandidatesFile.read(file) }
        }
        let types = byType.keys.sorted()
        let gated = Phase2.gate(types.flatMap { byType[$0]! }, fdr: fdr, minEvents: minEvents)
        var paths: [String] = []
        for type in types {
            let path = workspace.path("reports", "phase2", runID, type, "candidates.csv")
            try AtomicFile.write(CandidatesFile.text(gated.filter { $0.eventType == type }), to: path)
            paths.append(path)
        }
        return (gated, paths)
    }
}
