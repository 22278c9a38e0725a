import ArgumentParser
import Foundation
import Host

/// Options shared by preview and build.
struct StageOptions: ParsableArguments {
    @Option(help: "Model id (see `edgehost models list`).") var model: String
    @Option(help: ArgumentHelp("First New York date, YYYY-MM-DD or 'today' (default: the pack's).", valueName: "date")) var start: String?
    @Option(help: ArgumentHelp("Last New York date, inclusive (default: the pack's).", valueName: "date")) var end: String?
    @Flag(help: "Rerun even when the inputs are unchanged.") var force = false
    @Flag(help: "Print the report as JSON (no progress bar).") var json = false

    func prepare(_ global: GlobalOptions, _ ws: WorkspaceOptions, _ data: DataOptions, range: (PackDefaults) -> (start: String, end: String)?)
        throws -> (MatrixStages, ModelPlan, Int32, Int32) {
        let workspace = ws.resolved
        let catalogue = try global.catalogue()
        let config = try ModelStore(workspace: workspace).load(model)
        let plan = try ModelPlan(config: config, catalogue: catalogue, workspace: workspace,
                                 adapter: try data.adapterRef(pack: config.pack, current: config.adapter), query: try data.query)
        let fallback = range(try PackDefaults(pack: plan.pack))
        guard let first = start ?? fallback?.start, let last = end ?? fallback?.end else {
            throw ValidationError("--start and --end are required (pack '\(config.pack)' has no default range)")
        }
        var stages = MatrixStages(workspace: workspace, ledger: RunLedger(workspace: workspace))
        stages.progress = json ? .silent : Progress("[\(model)]")
        return (stages, plan, try Timestamps.parseDate(first, plan: plan), try Timestamps.parseDate(last, plan: plan))
    }
}

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Coverage and NaN share per feature on a short range, judged by the indicator set's QA gate.",
        discussion: """
            Writes reports/preview_<model>.json (ok, status, warnings, nan_summary, coverage by day and hour). \
            Exits 1 when the QA gate fails.

            Examples:
              edgehost preview --model spy_opt_0dte_hourly --start 2024-07-01 --end 2024-07-03
              edgehost preview --model spy_opt_0dte_hourly --adapter csv --source ../shared/data/spy/SPY_1m_2024.csv
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var stage: StageOptions
    @OptionGroup var data: DataOptions

    func run() throws {
        let (stages, plan, start, end) = try stage.prepare(global, ws, data) { $0.preview }
        let result = try stages.preview(plan, start: start, end: end, force: stage.force)
        emit(result, json: stage.json, workspace: stages.workspace)
        if result.status == "fail" { throw ExitCode.failure }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the training matrix: features, labels, causality checks, profile.",
        discussion: """
            Writes matrices/<model>/training_matrix_built.csv (ts, features, label, label_end_ts, outcome_*) and \
            matrices/<model>/profile.json (NaN %, label balance, coverage, leakage checks, matrix_sha, config_sha). \
            Every feature is recomputed on data cut at several points and must not change before the cut; a \
            feature that does stops the build, by name. Skipped when nothing it depends on changed (--force reruns).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var stage: StageOptions
    @OptionGroup var data: DataOptions
    @Flag(help: "Write the matrix even when the data-QA gate fails.") var allowQAFail = false

    func run() throws {
        let (stages, plan, start, end) = try stage.prepare(global, ws, data) { $0.build }
        let result = try stages.build(plan, start: start, end: end, force: stage.force, allowQAFail: allowQAFail)
        emit(result, json: stage.json, workspace: stages.workspace)
    }
}
