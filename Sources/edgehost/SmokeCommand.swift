import ArgumentParser
import Foundation
import Host
import PackKit

struct Smoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, backtest, and train and register only when the guardrails pass.",
        discussion: """
            Builds the matrix over the range and prints its summary (rows, NaN/QA verdict, label balance), \
            backtests it walk-forward, and checks the best threshold against the guardrails. When they pass, \
            trains the model (artifacts/<model>/<risk_profile>/) and registers it as the model's next version \
            in the registry (not promoted); otherwise exits 1 with the reasons and trains nothing.

            Example:
              edgehost smoke --model spy_opt_0dte_hourly --start 2024-01-02 --end 2024-06-28 \\
                  --min-sharpe 0.30 --min-trades 5 --top-pct 0.10
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var options: ModelOptions
    @Option(help: ArgumentHelp("First New York date, YYYY-MM-DD or 'today'.", valueName: "date")) var start: String
    @Option(help: ArgumentHelp("Last New York date, inclusive.", valueName: "date")) var end: String
    @Option(help: "Lowest Sharpe ratio (annualised) of the best threshold.") var minSharpe = 0.30
    @Option(help: "Fewest trades of the best threshold.") var minTrades = 5
    @Option(help: ArgumentHelp("Probability thresholds, comma-separated.", valueName: "list")) var thresholds = "0.55,0.60,0.65"
    @Option(help: "Walk-forward folds.") var splits = 5
    @Option(help: ArgumentHelp("Trade only predictions in the fold's top share, e.g. 0.10.", valueName: "share")) var topPct: Double?
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?

    func run() throws {
        let context = try ModelContext(global, ws, model: options.model)
        let workspace = context.workspace
        var stages = MatrixStages(workspace: workspace, ledger: RunLedger(workspace: workspace))
        if !options.json { stages.progress = Progress("[\(options.model)]") }
        let build = try stages.build(context.plan, start: try Timestamps.parseDate(start), end: try Timestamps.parseDate(end), force: options.force)
        print("1. \(build.summary)")
        print("   NaN/QA verdict \(build.status); label balance \(Self.balance(build.report["label_balance"]))")
        let backtest = try runBacktest(context, options: options, thresholds: try parseThresholds(thresholds), splits: splits,
                                       topPct: topPct, progress: !options.json, db: store.db)
        print("2. \(backtest.summary)")
        let failures = Guardrails(minSharpe: minSharpe, minTrades: minTrades).failures(backtest.report)
        guard failures.isEmpty else {
            print("3. guardrails failed, nothing trained:")
            for reason in failures { print("   - \(reason)") }
            throw ExitCode.failure
        }
        let risk = try options.risk(context)
        let trained = try TrainStage(workspace: workspace, ledger: stages.ledger)
            .train(context.plan, defaults: context.defaults, risk: risk, policy: TrainingPolicy(allowedHours: try context.hours(options.allowedHours)),
                   force: options.force)
        print("3. guardrails passed (Sharpe ≥ \(minSharpe), trades ≥ \(minTrades)); \(trained.summary)")
        try print("   \(workspace.relative(workspace.artifactFolder(options.model, riskProfile: risk.id))) (in \(workspace.root))")
        let registry = Registry.resolve(self.registry)
        let sha = trained.report["model_sha"]
        if let same = try registry.entries(model: options.model).first(where: { $0.lineage["model_sha"] == sha }) {
            print("4. already registered as \(same.id)")
        } else {
            let entry = try registry.register(model: options.model, workspace: workspace, riskProfile: risk.id,
                                              notes: "smoke \(start)..\(end): Sharpe >= \(minSharpe), trades >= \(minTrades)",
                                              actor: defaultActor)
            print("4. registered \(entry.id) (not promoted: `edgehost registry promote --to active --id \(entry.id)`) → \(registry.folder(entry))")
        }
    }

    /// `DOWN 188 (31.2 %), FLAT …` from the profile's label counts.
    static func balance(_ json: JSON?) -> String {
        guard case .object(let o)? = json else { return "n/a" }
        let total = o.values.compactMap(\.doubleValue).reduce(0, +)
        return o.keys.sorted().map { k in
            let n = o[k]?.doubleValue ?? 0
            return "\(k) \(Int(n)) (\(String(format: "%.1f", total > 0 ? 100 * n / total : 0)) %)"
        }.joined(separator: ", ")
    }
}
