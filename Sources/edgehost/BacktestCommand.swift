import ArgumentParser
import Foundation
import Host
import PackKit

struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Purged walk-forward backtest: out-of-sample trades per threshold, metrics, gates, plots, leaderboard.",
        discussion: """
            Cuts the matrix's sessions into --splits + 1 blocks; each fold trains on every earlier block (training \
            rows whose label overlaps the test block are purged, plus a one-day embargo) and predicts its block. \
            Only these out-of-sample predictions trade: the most probable class, when it clears the threshold, \
            the hour is allowed and (with --top-pct) it is as confident as the fold's top share of its training \
            rows; its P&L is the labeler's realised outcome for that class's action, after costs, staked at the \
            risk profile's position size. Metrics follow empyrical (daily returns, 252 a year); the deflated Sharpe \
            ratio accounts for every threshold tried. Each of the pack's risk profiles gets a gate verdict with \
            reasons. Writes reports/backtest_<model>.json, plots/<model>/*.svg and leaderboard rows (edgehost.sqlite).

            Example:
              edgehost backtest --model spy_opt_0dte_hourly --thresholds 0.55,0.60,0.65 --splits 5 --top-pct 0.10
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var options: ModelOptions
    @Option(help: ArgumentHelp("Probability thresholds to try, comma-separated.", valueName: "list")) var thresholds = "0.55,0.60,0.65"
    @Option(help: "Walk-forward folds (the data is cut into splits + 1 blocks).") var splits = 5
    @Option(help: ArgumentHelp("Trade only predictions in the fold's top share, e.g. 0.10.", valueName: "share")) var topPct: Double?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try ModelContext(global, ws, model: options.model)
        let backtest = BacktestOptions(thresholds: try parseThresholds(thresholds), splits: splits, topPct: topPct,
                                       allowedHours: try options.allowedHours.map(parseHours), db: store.db)
        let result = try context.backtest(risk: try options.risk(context), options: backtest, ledger: RunLedger(workspace: context.workspace),
                                          progress: options.json ? .silent : Progress("[\(options.model)]"), force: options.force)
        emit(result, json: options.json, workspace: context.workspace)
        if !options.json { printGates(result.report) }
    }
}

/// Where leaderboard rows go.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Leaderboard database: postgres://… or a SQLite path (default: $EDGEHOST_DB, else <workspace>/edgehost.sqlite).", valueName: "url"))
    var db: String?
}

func parseThresholds(_ text: String) throws -> [Double] {
    try text.split(separator: ",").map { part in
        guard let t = Double(part.trimmingCharacters(in: .whitespaces)), t > 0, t <= 1 else {
            throw ValidationError("--thresholds takes probabilities in (0, 1] separated by commas (e.g. 0.55,0.60,0.65), got '\(text)'")
        }
        return t
    }
}

/// One line per risk profile: its verdict and why.
func printGates(_ report: JSON) {
    guard case .array(let gates)? = report["gates"] else { return }
    for g in gates {
        let reasons: [String] = { if case .array(let r)? = g["reasons"] { return r.compactMap(\.stringValue) }; return [] }()
        let threshold = g["threshold"]?.doubleValue.map { String(format: " at %.2f", $0) } ?? ""
        print("  gate \(g["risk_profile"]?.stringValue ?? "?")\(threshold): \(g["status"]?.stringValue ?? "?")\(reasons.isEmpty ? "" : " — " + reasons.joined(separator: "; "))")
    }
}
