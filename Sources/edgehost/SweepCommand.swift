import ArgumentParser
import Foundation
import Host
import PackKit

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sweep hours × thresholds × top-% × risk profiles on one set of walk-forward predictions.",
        discussion: """
            Trains the walk-forward models once per fold (on every hour given), then evaluates every \
            configuration of the grid on their out-of-sample predictions, in parallel: every non-empty subset of \
            --allowed-hours × --thresholds × --top-pct × risk profile (--risk-profile, else all of the pack's). A \
            configuration's numbers equal a backtest of that configuration trained on the same hours. Rankings \
            show the raw and the deflated Sharpe ratio (deflated by the number of configurations tried) and the \
            grid's probability of backtest overfitting (CSCV). Each configuration is judged by the pack's quality \
            gate and its risk budgets, and goes into the leaderboard with its verdict and reasons. Writes \
            reports/sweep_<model>_<tag>.json.

            Example:
              edgehost sweep --model spy_opt_0dte_hourly --allowed-hours 13,14 --thresholds 0.55,0.60,0.65 \\
                  --top-pct 0.10,0.15 --risk-profile Balanced --tag demo
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var options: ModelOptions
    @Option(help: ArgumentHelp("Probability thresholds, comma-separated.", valueName: "list")) var thresholds = "0.55,0.60,0.65"
    @Option(help: ArgumentHelp("Top shares to try, comma-separated, e.g. 0.10,0.15 (default: no top-% filter).", valueName: "list"))
    var topPct: String?
    @Option(help: "Walk-forward folds.") var splits = 5
    @Option(help: "Names this sweep's report (reports/sweep_<model>_<tag>.json).") var tag = "default"
    @Option(help: "Refuse a grid of more configurations than this (README \"Input limits\").") var maxConfigs = SweepLimit.defaultMax
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try ModelContext(global, ws, model: options.model)
        let tops: [Double?] = try topPct.map { text in
            try text.split(separator: ",").map { part -> Double? in
                guard let v = Double(part.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--top-pct takes shares like 0.10,0.15, got '\(EscapedText.text(text))'") }
                return v
            }
        } ?? [nil]
        let request = try context.sweepRequest(riskProfile: options.riskProfile, riskParams: try options.riskOverrides(),
                                               hours: try options.allowedHours.map(parseHours), thresholds: try parseThresholds(thresholds),
                                               topPcts: tops, splits: splits, tag: tag, maxConfigs: maxConfigs)
        SweepLimit.announce(request.configurationCount, request.factors)
        let result = try context.sweep(request, db: store.db, ledger: RunLedger(workspace: context.workspace),
                                       progress: options.json ? .silent : Progress("[\(options.model)]"), force: options.force)
        emit(result, json: options.json, workspace: context.workspace)
    }
}
