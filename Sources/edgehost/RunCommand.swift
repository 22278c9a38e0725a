import ArgumentParser
import Foundation
import Host
import PackKit

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pack's pipeline with its defaults: preview → build → train → backtest → alerts.",
        discussion: """
            Creates the pack's default model in the workspace when it is missing, previews the pack's preview \
            range, builds the matrix over its build range (on its default simulated data unless told otherwise), \
            trains the model for the default risk profile on the pack's allowed hours, backtests it walk-forward \
            (thresholds 0.55, 0.60, 0.65; 5 splits) and writes the newest session's alerts. Stages whose inputs \
            are unchanged are skipped; a summary ends the run.

            Example:
              edgehost run --pack zeroedge
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var data: DataOptions
    @Option(help: "Pack id.") var pack: String
    @Flag(help: "Rerun every stage.") var force = false

    func run() throws {
        let catalogue = try global.catalogue()
        let workspace = ws.resolved
        let loaded = try catalogue.pack(pack)
        let defaults = try PackDefaults(pack: loaded)
        let config = try ModelConfig(json: .object(["pack": .string(pack)]), context: "pack \(pack) defaults") { _ in defaults }
        let store = ModelStore(workspace: workspace)
        let existing = try? store.load(config.modelID)
        if existing == nil { try store.save(config, catalogue: catalogue) }
        let model = existing ?? config
        let plan = try ModelPlan(config: model, catalogue: catalogue, workspace: workspace,
                                 adapter: try data.adapterRef(pack: pack, current: model.adapter), query: try data.query)
        guard let preview = defaults.preview, let build = defaults.build else {
            throw ValidationError("pack '\(pack)' declares no preview/build range in its defaults.yaml")
        }
        var stages = MatrixStages(workspace: workspace, ledger: RunLedger(workspace: workspace))
        stages.progress = Progress("[\(model.modelID)]")
        print("edgehost run --pack \(pack): model \(model.modelID), data \(plan.adapter.pack).\(plan.adapter.id)\(plan.adapter.id == "sim" ? " (simulated, embedded default: no files, no network)" : ""), workspace \(workspace.root)")
        let p = try stages.preview(plan, start: try Timestamps.parseDate(preview.start), end: try Timestamps.parseDate(preview.end), force: force)
        print("1. \(p.summary)")
        guard p.status != "fail" else {
            print("   stopped: the data-QA gate failed (see \(workspace.relative(p.paths[0])))")
            throw ExitCode.failure
        }
        let b = try stages.build(plan, start: try Timestamps.parseDate(build.start), end: try Timestamps.parseDate(build.end), force: force)
        print("2. \(b.summary)")
        for path in b.paths { print("   \(workspace.relative(path))") }
        let context = ModelContext(workspace: workspace, plan: plan, defaults: defaults)
        let options = try ModelOptions.parse(["--model", model.modelID])
        let risk = try RiskBudget(nil, pack: loaded, defaults: defaults)
        let trained = try TrainStage(workspace: workspace, ledger: stages.ledger)
            .train(plan, defaults: defaults, risk: risk, policy: TrainingPolicy(allowedHours: defaults.allowedHours), force: force)
        print("3. \(trained.summary)")
        let backtest = try runBacktest(context, options: options, thresholds: [0.55, 0.60, 0.65], splits: 5, topPct: nil,
                                       progress: true, force: force)
        print("4. \(backtest.summary)")
        printGates(backtest.report)
        let alerts = try writeAlerts(context, options: options, threshold: nil)
        print("5. alerts: \(alerts.signals.count) signal(s) on \(alerts.session.map(Timestamps.date) ?? "no session") at threshold \(String(format: "%.2f", alerts.threshold)), \(alerts.added) new")
        RunSummary(workspace: workspace, build: b, trained: trained, backtest: backtest, alerts: alerts, risk: risk,
                   about: plan.adapter == defaults.adapter ? defaults.about : nil).print()
    }
}
