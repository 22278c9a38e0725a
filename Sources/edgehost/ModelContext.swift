import ArgumentParser
import Foundation
import Host
import PackKit

/// A stored model resolved against the packs, with its pack's defaults: what train, backtest
/// and alerts start from.
struct ModelContext {
    let workspace: Workspace
    let plan: ModelPlan
    let defaults: PackDefaults

    init(workspace: Workspace, plan: ModelPlan, defaults: PackDefaults) {
        self.workspace = workspace
        self.plan = plan
        self.defaults = defaults
    }

    init(_ global: GlobalOptions, _ ws: WorkspaceOptions, model: String) throws {
        workspace = ws.resolved
        let config = try ModelStore(workspace: workspace).load(model)
        plan = try ModelPlan(config: config, catalogue: try global.catalogue(), workspace: workspace)
        defaults = try PackDefaults(pack: plan.pack)
    }

    /// `--allowed-hours` when given, else the pack's default hours (empty = every hour).
    func hours(_ option: String?) throws -> [Int] {
        guard let option else { return defaults.allowedHours }
        return try parseHours(option)
    }
}

/// `13,14,15` → [13, 14, 15], each a New York hour 0–23.
func parseHours(_ text: String) throws -> [Int] {
    // An empty list used to mean every hour, silently; "all hours" is leaving the option out.
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("--allowed-hours is empty: give New York hours 0–23 (e.g. 13,14,15), or leave the option out for the pack's default")
    }
    return try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
        guard let h = Int(part.trimmingCharacters(in: .whitespaces)), (0...23).contains(h) else {
            throw ValidationError("--allowed-hours takes New York hours 0–23 separated by commas (e.g. 13,14,15), got '\(EscapedText.text(text))'")
        }
        return h
    }.sorted()
}

/// Options of the commands that use a trained model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Model id (see `edgehost models list`).") var model: String
    @Option(help: ArgumentHelp("New York decision hours to train on and trade, e.g. 13,14,15 (default: the pack's).", valueName: "hours"))
    var allowedHours: String?
    @Option(help: ArgumentHelp("Risk profile of the model's pack, any case (default: the pack's).", valueName: "name"))
    var riskProfile: String?
    @Option(name: .customLong("risk-param"), help: ArgumentHelp("Override one budget of the risk profile (repeatable), e.g. threshold_floor=0.7.", valueName: "key=value"))
    var riskParams: [String] = []
    @Option(help: ArgumentHelp("YAML file of budget overrides, e.g. `{threshold_floor: 0.7, max_trades_per_day: 1}`.", valueName: "file"))
    var riskFile: String?
    @Flag(help: "Rerun even when the inputs are unchanged.") var force = false
    @Flag(help: "Print the report as JSON.") var json = false

    /// The budget overrides: the file's, then each --risk-param on top.
    func riskOverrides() throws -> [String: JSON] {
        var params: [String: JSON] = [:]
        if let riskFile {
            guard let data = FileManager.default.contents(atPath: riskFile) else { throw ValidationError("--risk-file \(riskFile): no such file") }
            guard case .object(let o) = try YAMLDocument.parse(String(decoding: data, as: UTF8.self), source: riskFile) else {
                throw ValidationError("--risk-file \(riskFile): expected a mapping of budget names to values")
            }
            params = o
        }
        return params.merging(try keyValues(riskParams, option: "--risk-param")) { _, new in new }
    }

    /// The risk profile asked for (any case; default the pack's), with the overrides.
    func risk(_ context: ModelContext) throws -> RiskBudget {
        try RiskBudget(riskProfile, pack: context.plan.pack, defaults: context.defaults, params: try riskOverrides())
    }
}

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an XGBoost classifier on the built matrix.",
        discussion: """
            Uses the matrix's rows in the allowed hours, encodes the labels (binary:logistic for two values, \
            multi:softprob for more), and stops early on a validation block at the end of the range from which \
            every training row whose label overlaps it is purged (plus a one-day embargo). Writes \
            artifacts/<model>/<risk_profile>/model.json (XGBoost JSON, loadable by Python's xgboost), meta.json \
            (features, encoder, parameters, xgboost version, lineage: matrix_sha, config_sha, policy_sha, risk_sha) \
            and importance.json (gain). The same inputs give the same bytes.

            Example:
              edgehost train --model spy_opt_0dte_hourly --allowed-hours 13,14,15 --risk-profile Balanced
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var options: ModelOptions

    func run() throws {
        let context = try ModelContext(global, ws, model: options.model)
        let risk = try options.risk(context)
        let policy = TrainingPolicy(allowedHours: try context.hours(options.allowedHours))
        let stage = TrainStage(workspace: context.workspace, ledger: RunLedger(workspace: context.workspace))
        let result = try stage.train(context.plan, defaults: context.defaults, risk: risk, policy: policy, force: options.force)
        emit(result, json: options.json, workspace: context.workspace)
    }
}
