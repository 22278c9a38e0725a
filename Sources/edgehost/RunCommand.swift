import ArgumentParser
import Foundation
import Host
import PackKit

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pack's pipeline with its defaults: preview → build → train → backtest → alerts (discovery packs: discover → blueprints → strategy backtests).",
        discussion: """
            Creates the pack's default model in the workspace when it is missing (with --adapter, --source, \
            --chain and --query kept in it), previews the pack's preview range, builds the matrix over its build \
            range (on its default simulated data unless told otherwise), trains the model for the default risk \
            profile on the pack's allowed hours, backtests it walk-forward (thresholds 0.55, 0.60, 0.65; 5 splits) \
            and writes the newest session's alerts. --start/--end replace the build range (the preview then covers \
            its first week); with a file --source and no range, the file's span is used. Stages whose inputs are \
            unchanged are skipped; a summary ends the run. Every stage's manifest and log, and run_manifest.json, \
            go to runs/<run_id>/.

            A pack whose defaults say `workflow: discovery` (crypto) runs discovery instead: phase 1, phase 2 with \
            the false-discovery gate, blueprints with their robustness, then its shipped strategies backtested over \
            the same window; the summary says which planted effects of its simulator passed and that no control did.

            Example:
              edgehost run --pack zeroedge
              edgehost run --pack crypto
              edgehost run --pack zeroedge --adapter csv --source ../shared/data/spy/SPY_1m_2024.csv --chain sim
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var data: DataOptions
    @Option(help: "Pack id.") var pack: String
    @Option(help: ArgumentHelp("First New York date of the build range, YYYY-MM-DD or 'today' (default: the pack's).", valueName: "date"))
    var start: String?
    @Option(help: ArgumentHelp("Last New York date of the build range, inclusive.", valueName: "date")) var end: String?
    @Option(help: ArgumentHelp("Run id: the folder runs/<id>/ (default: a new one, time-sortable).", valueName: "id")) var runID: String?
    @Flag(help: "Rerun every stage.") var force = false

    func run() throws {
        let catalogue = try global.catalogue()
        let workspace = ws.resolved
        if let runID { do { try RunLedger.check(runID: runID) } catch { throw ValidationError("--run-id: \(error)") } }
        if try PackDefaults(pack: try catalogue.pack(pack)).workflow == .discovery {
            return try runDiscovery(catalogue: catalogue, workspace: workspace)
        }
        var pipeline = PipelineRun(pack: pack)
        pipeline.runID = runID
        pipeline.adapterID = data.adapter
        pipeline.adapterParams = try keyValues(data.adapterParams, option: "--adapter-param")
        pipeline.query = try data.query
        pipeline.start = try start.map { try Timestamps.parseDate($0) }
        pipeline.end = try end.map { try Timestamps.parseDate($0) }
        pipeline.force = force
        pipeline.progress = Progress("[\(pack)]")
        let numbers = ["preview": 1, "build": 2, "train": 3, "backtest": 4]
        pipeline.onPlan = { plan, notes in
            print("edgehost run --pack \(pack): model \(plan.config.modelID), data \(plan.adapter.pack).\(plan.adapter.id)\(plan.adapter.id == "sim" ? " (simulated, embedded default: no files, no network)" : ""), workspace \(workspace.root)")
            for note in notes { print("   \(note)") }
        }
        pipeline.onStage = { name, result in
            print("\(numbers[name] ?? 0). \(result.summary)")
            if name == "build" { for path in result.paths { print("   \(workspace.relative(path))") } }
            if name == "backtest" { printGates(result.report) }
        }
        let outcome = try pipeline.run(catalogue: catalogue, workspace: workspace)
        if outcome.stoppedBy == "preview" {
            print("   stopped: the data-QA gate failed (see \(workspace.relative(outcome.preview.paths[0])))")
            print("   run \(outcome.runID): \(workspace.relative(outcome.manifest))")
            throw ExitCode.failure
        }
        if outcome.stoppedBy == "labels", let build = outcome.build {
            print("   stopped before training: \(LabelBalanceCheck.stopReason(build.report) ?? "one label value")")
            print("   run \(outcome.runID): \(workspace.relative(outcome.manifest))")
            throw ExitCode.failure
        }
        guard let alerts = outcome.alerts else { return }
        print("5. alerts: \(alerts.signals.count) signal(s) on \(alerts.session.map(Timestamps.date) ?? "no session") at threshold \(String(format: "%.2f", alerts.threshold)), \(alerts.added) new")
        try RunSummary(outcome)?.print()
        print("  run       \(outcome.runID): \(workspace.relative(outcome.manifest))")
    }
}
