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
        var smoke = SmokeRun(start: try Timestamps.parseDate(start), end: try Timestamps.parseDate(end),
                             guardrails: Guardrails(minSharpe: minSharpe, minTrades: minTrades))
        smoke.backtest = BacktestOptions(thresholds: try parseThresholds(thresholds), splits: splits, topPct: topPct,
                                         allowedHours: try options.allowedHours.map(parseHours), db: store.db)
        smoke.force = options.force
        smoke.registry = registry
        smoke.actor = defaultActor
        if !options.json { smoke.progress = Progress("[\(options.model)]") }
        smoke.onStage = { name, result in
            if name == "build" {
                print("1. \(result.summary)")
                print("   NaN/QA verdict \(result.status); label balance \(Self.balance(result.report["label_balance"]))")
            } else {
                print("2. \(result.summary)")
            }
        }
        let outcome = try smoke.run(context, risk: try options.risk(context))
        guard let trained = outcome.trained, let entry = outcome.entry else {
            print("3. guardrails failed, nothing trained:")
            for reason in outcome.failures { print("   - \(reason)") }
            throw ExitCode.failure
        }
        print("3. guardrails passed (Sharpe ≥ \(minSharpe), trades ≥ \(minTrades)); \(trained.summary)")
        try print("   \(workspace.relative(workspace.artifactFolder(options.model, riskProfile: outcome.risk.id))) (in \(workspace.root))")
        if outcome.alreadyRegistered {
            print("4. already registered as \(entry.id)")
        } else {
            print("4. registered \(entry.id) (not promoted: `edgehost registry promote --to active --id \(entry.id)`) → \(outcome.registryFolder ?? "")")
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
