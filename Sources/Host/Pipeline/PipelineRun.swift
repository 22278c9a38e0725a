import Foundation
import Indicators
import MarketKit
import PackKit

/// `edgehost run`: a pack's pipeline with its defaults — preview → build → train → backtest →
/// alerts — creating the pack's default model when it is missing. One run id for every stage:
/// `runs/<run_id>/` holds each stage's manifest and log and `run_manifest.json`. Stages whose
/// inputs are unchanged are skipped. Front ends print what it returns.
public struct PipelineRun {
    public var pack: String
    /// nil = a new one (`RunLedger.newRunID()`).
    public var runID: String?
    /// Another adapter of the pack for this run (`--adapter`), and/or parameters over the model's (`--adapter-param`).
    public var adapterID: String?
    public var adapterParams: [String: JSON] = [:]
    /// Adapter query keys for this run (`--source`, `--chain`, `--query`); kept in a model the run creates.
    public var query: [String: JSON] = [:]
    /// The build range (New York days); nil = the pack's, or with a file source the file's span.
    public var start: Int32?, end: Int32?
    public var force = false
    public var backtest = BacktestOptions()
    /// Registry folder for the alerts; nil = `$EDGEHOST_REGISTRY`, else ./registry (absent = none).
    public var registry: String?
    public var progress: Progress = .silent
    /// Called once the model and the ranges are resolved, before any stage, with the notes on how the ranges were chosen.
    public var onPlan: (ModelPlan, [String]) -> Void = { _, _ in }
    /// Called as each of preview, build, train and backtest finishes, with the stage's name.
    public var onStage: (String, StageResult) -> Void = { _, _ in }

    public init(pack: String) { self.pack = pack }

    public struct Outcome: Sendable {
        public let workspace: Workspace
        public let runID: String
        /// `runs/<run_id>/run_manifest.json`.
        public let manifest: String
        public let plan: ModelPlan
        public let risk: RiskBudget
        /// How the ranges were chosen when not by the pack's defaults (e.g. a file's span).
        public let notes: [String]
        public let preview: StageResult
        /// nil after a stop (see `stoppedBy`).
        public let build: StageResult?, trained: StageResult?, backtest: StageResult?
        public let alerts: AlertStage.Outcome?
        /// What stopped the run: "preview" (its data-QA gate), "labels" (the build holds one label
        /// value: `LabelBalanceCheck`), else nil.
        public let stoppedBy: String?
        /// The pack's line on what the numbers mean (`about:` in defaults.yaml); nil when the
        /// run is not on the pack's default data, which the line describes.
        public let about: String?

        /// What `register_on_run` did (nil when the pack does not ask for it).
        public var registration: RunRegistration? = nil

        public var modelID: String { plan.config.modelID }
    }

    /// Runs the pipeline. On an error the run manifest is still written, naming the failed stage.
    public func run(catalogue: PackCatalogue, workspace: Workspace) throws -> Outcome {
        let id = runID ?? RunLedger.newRunID()
        try RunLedger.check(runID: id)
        let ledger = RunLedger(workspace: workspace, runID: id)
        return try RunManifest(ledger: ledger, command: "run --pack \(pack)").recording { manifest in
            try run(catalogue: catalogue, workspace: workspace, manifest: manifest)
        }
    }

    private func run(catalogue: PackCatalogue, workspace: Workspace, manifest: RunManifest) throws -> Outcome {
        let (plan, defaults) = try manifest.stage("model", summary: { "model \($0.0.config.modelID)" }) {
            try resolve(catalogue: catalogue, workspace: workspace)
        }
        let (previewRange, buildRange, notes) = try ranges(plan: plan, defaults: defaults)
        onPlan(plan, notes)
        var stages = MatrixStages(workspace: workspace, ledger: manifest.ledger)
        stages.progress = progress
        let risk = try RiskBudget(nil, pack: plan.pack, defaults: defaults)
        func outcome(_ preview: StageResult, build: StageResult? = nil, trained: StageResult? = nil, backtest: StageResult? = nil,
                     alerts: AlertStage.Outcome? = nil, stoppedBy: String? = nil) -> Outcome {
            Outcome(workspace: workspace, runID: manifest.ledger.runID, manifest: manifest.path, plan: plan, risk: risk, notes: notes,
                    preview: preview, build: build, trained: trained, backtest: backtest, alerts: alerts, stoppedBy: stoppedBy,
                    about: plan.adapter == defaults.adapter ? defaults.about : nil)
        }
        let preview = try manifest.stage("preview", summary: \.summary) {
            try stages.preview(plan, start: previewRange.start, end: previewRange.end, force: force)
        }
        onStage("preview", preview)
        guard preview.status != "fail" else {
            manifest.stop(at: "preview", because: "the data-QA gate failed: \(preview.summary)")
            return outcome(preview, stoppedBy: "preview")
        }
        let build = try manifest.stage("build", summary: \.summary) {
            try stages.build(plan, start: buildRange.start, end: buildRange.end, force: force)
        }
        onStage("build", build)
        if let reason = LabelBalanceCheck.stopReason(build.report) {
            manifest.stop(at: "build", because: reason)
            return outcome(preview, build: build, stoppedBy: "labels")
        }
        let context = ModelContext(workspace: workspace, plan: plan, defaults: defaults)
        let trained = try manifest.stage("train-\(risk.id)", summary: \.summary) {
            try context.train(risk: risk, hours: nil, ledger: manifest.ledger, force: force)
        }
        onStage("train", trained)
        let backtest = try manifest.stage("backtest", summary: \.summary) {
            try context.backtest(risk: risk, options: self.backtest, ledger: manifest.ledger, progress: progress, force: force)
        }
        onStage("backtest", backtest)
        var registration: RunRegistration?
        if defaults.registerOnRun {
            registration = try manifest.stage("register", summary: \.summary) {
                try RunRegistration.register(context: context, risk: risk, trained: trained, registry: Registry.resolve(registry), command: "run --pack \(pack)")
            }
        }
        let alerts = try manifest.stage("alerts", summary: { "\($0.signals.count) signal(s) at threshold \($0.threshold) (\($0.thresholdSource)), \($0.added) new" }) {
            try context.alerts(risk: risk, threshold: nil, hours: nil, registry: registry, ledger: manifest.ledger)
        }
        var done = outcome(preview, build: build, trained: trained, backtest: backtest, alerts: alerts)
        done.registration = registration
        return done
    }

    /// The pack's default model (created with this run's adapter and query when missing) and the plan for this run.
    private func resolve(catalogue: PackCatalogue, workspace: Workspace) throws -> (ModelPlan, PackDefaults) {
        let defaults = try PackDefaults(pack: try catalogue.pack(pack))
        var config = try ModelConfig(json: .object(["pack": .string(pack)]), context: "pack \(pack) defaults") { _ in defaults }
        let store = ModelStore(workspace: workspace)
        let model: ModelConfig
        if let existing = try? store.load(config.modelID) {
            model = existing
        } else {
            config.adapter = ComponentRef.overriding(config.adapter, pack: pack, id: adapterID, params: adapterParams) ?? config.adapter
            config.query = config.query.merging(query) { _, new in new }
            try store.save(config, catalogue: catalogue)
            model = config
        }
        let plan = try ModelPlan(config: model, catalogue: catalogue, workspace: workspace,
                                 adapter: ComponentRef.overriding(model.adapter, pack: pack, id: adapterID, params: adapterParams),
                                 query: query)
        return (plan, defaults)
    }

    /// Preview and build ranges: `start`/`end` when given (preview on the first week), else with a
    /// file source the file's span, else the pack's defaults.
    func ranges(plan: ModelPlan, defaults: PackDefaults) throws
        -> (preview: (start: Int32, end: Int32), build: (start: Int32, end: Int32), notes: [String]) {
        func firstWeek(_ s: Int32, _ e: Int32) -> (start: Int32, end: Int32) { (s, min(e, s + 6)) }
        if let start, let end {
            guard start <= end else { throw WorkspaceError("--start \(Timestamps.date(start)) is after --end \(Timestamps.date(end))") }
            return (firstWeek(start, end), (start, end), [])
        }
        if let source = plan.query["source"]?.stringValue, Self.isFile(source) {
            let span = try Self.span(ofBarsFile: source, market: try plan.market())
            let (s, e) = (start ?? span.start, end ?? span.end)
            guard s <= e else { throw WorkspaceError("--start/--end \(Timestamps.date(s))..\(Timestamps.date(e)) is outside \(source) (\(Timestamps.date(span.start))..\(Timestamps.date(span.end)))") }
            return (firstWeek(s, e), (s, e), ["no --start/--end: using the span of \(source), \(Timestamps.date(s))..\(Timestamps.date(e))"])
        }
        guard let p = defaults.preview, let b = defaults.build else {
            throw WorkspaceError("pack '\(pack)' declares no preview/build range in its defaults.yaml: give --start and --end")
        }
        let defaultStart = try Timestamps.parseDate(b.start), defaultEnd = try Timestamps.parseDate(b.end)
        let build = (start ?? defaultStart, end ?? defaultEnd)
        if start != nil || end != nil { return (firstWeek(build.0, build.1), build, []) }
        return ((try Timestamps.parseDate(p.start), try Timestamps.parseDate(p.end)), build, [])
    }

    static func isFile(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && !folder.boolValue
    }

    /// The trading days (of the model's market) of a bars file's first and last bar.
    static func span(ofBarsFile path: String, market: Market) throws -> (start: Int32, end: Int32) {
        let ts: Int64Column
        do { ts = try MinuteBarsFile.read(path: path).timestamps() } catch {
            throw WorkspaceError("\(path): cannot read its span (\(error)); give --start and --end")
        }
        guard ts.count > 0 else { throw WorkspaceError("\(path): no bars; give another file") }
        return (market.day(ts[0]), market.day(ts[ts.count - 1]))
    }
}
