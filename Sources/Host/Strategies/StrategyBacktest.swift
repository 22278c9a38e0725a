import Foundation
import PackKit

/// `edgehost backtest-strategy`'s flow once bars and events are loaded: runs each strategy
/// through `StrategyEngine`, then writes its report (metrics, drops by reason, gate verdict),
/// trades, equity and drawdown plots, and one leaderboard row.
public struct StrategyBacktest {
    public let workspace: Workspace
    public let runID: String
    /// Where the rows go; nil = no leaderboard.
    public var leaderboard: (any LeaderboardStore)?

    public init(workspace: Workspace, runID: String, leaderboard: (any LeaderboardStore)?) {
        self.workspace = workspace
        self.runID = runID
        self.leaderboard = leaderboard
    }

    /// What one strategy gave, with the files written.
    public struct Outcome: Sendable {
        public let run: StrategyRun
        public let files: StrategyFiles
        public let status: String
        public let report: JSON
    }

    /// `bars[detector]`: every symbol's bars with that detector's flag and state columns.
    /// `riskProfile` names the profile in reports and rows; `budgets` are its budgets.
    public func run(_ strategies: [StrategyBlueprint], bars: [String: [StrategyBars]], riskProfile: String, budgets: JSON,
                    dataSHA: String) throws -> [Outcome] {
        let rules = try StrategyRiskRules(budgets: budgets, source: "risk profile '\(riskProfile)'")
        let minTrades = budgets["min_trades"]?.doubleValue.flatMap { $0.isFinite && $0 >= 1 && $0 < 1e9 ? Int($0) : nil } ?? 1
        var outcomes: [Outcome] = []
        for blueprint in strategies {
            let files = try StrategyFiles(workspace: workspace, runID: runID, strategy: blueprint.name)
            let all = bars[blueprint.detectorName] ?? []
            let symbols = blueprint.symbol == "*" ? all : all.filter { $0.symbol == blueprint.symbol }
            guard !symbols.isEmpty else {
                throw WorkspaceError("strategy '\(blueprint.name)': no bars for symbol '\(blueprint.symbol)' (have: \(all.map(\.symbol).joined(separator: ", ")))")
            }
            let run = StrategyEngine(blueprint: blueprint, rules: rules).run(symbols)
            let verdict = StrategyVerdict(run, minTrades: minTrades, maxDrawdown: budgets["max_drawdown"]?.doubleValue)
            let report = reportJSON(run, verdict: verdict, files: files, riskProfile: riskProfile, dataSHA: dataSHA, symbols: symbols)
            let plots = StrategyPlots.render(run)
            try AtomicFile.write(StrategyFiles.tradesCSV(run.trades), to: files.trades)
            try AtomicFile.write(plots.equity, to: files.equityPlot)
            try AtomicFile.write(plots.drawdown, to: files.drawdownPlot)
            // The report last: its presence says the rest is complete.
            try AtomicFile.write(report.prettyText, to: files.report)
            try leaderboard?.upsert([row(run, verdict: verdict, riskProfile: riskProfile, budgets: budgets, dataSHA: dataSHA, report: files.report)])
            outcomes.append(Outcome(run: run, files: files, status: verdict.status, report: report))
        }
        return outcomes
    }

    func reportJSON(_ run: StrategyRun, verdict: StrategyVerdict, files: StrategyFiles, riskProfile: String, dataSHA: String,
                    symbols: [StrategyBars]) -> JSON {
        let assumed = run.trades.isEmpty ? 0 : run.trades.reduce(0) { $0 + $1.slippageBps } / Double(run.trades.count)
        return .object([
            "run_id": .string(runID), "strategy": run.blueprint.json, "risk_profile": .string(riskProfile), "rules": run.rules.json,
            "data_sha": .string(dataSHA),
            "symbols": .array(symbols.map { b in
                .object(["symbol": .string(b.symbol), "bars": .number(Double(b.count)),
                         "first": b.ts.first.map { .string(Timestamps.iso($0)) } ?? .null, "last": b.ts.last.map { .string(Timestamps.iso($0)) } ?? .null,
                         "events": .number(Double(b.flag.filter { $0 == 1 }.count)), "bar_seconds": .number(Double(Self.barNanoseconds(b.ts)) / 1e9)])
            }),
            "metrics": run.metricsJSON, "drops_by_reason": .object(run.dropsByReason.mapValues { .number(Double($0)) }),
            "signals": .number(Double(run.trades.count + run.drops.count)),
            // Per round trip, basis points. A backtest realises what it assumes; a live or paper
            // trader writes its own `realised_bps_mean` here, which the kill switch compares.
            "slippage": .object(["assumed_bps_mean": .rounded(assumed, 6), "realised_bps_mean": .rounded(assumed, 6)]),
            "gate": verdict.json,
            "files": .object(["trades": .string(workspace.relative(files.trades)), "equity_plot": .string(workspace.relative(files.equityPlot)),
                              "drawdown_plot": .string(workspace.relative(files.drawdownPlot))]),
        ])
    }

    /// The most common spacing of the bars (their length), 0 under two bars.
    static func barNanoseconds(_ ts: [Int64]) -> Int64 {
        var counts: [Int64: Int] = [:]
        for i in ts.indices.dropFirst() { counts[ts[i] - ts[i - 1], default: 0] += 1 }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
    }

    func row(_ run: StrategyRun, verdict: StrategyVerdict, riskProfile: String, budgets: JSON, dataSHA: String, report: String) -> LeaderboardRow {
        let configSHA = Hashing.sha256(run.blueprint.json.text)
        let riskSHA = Hashing.sha256(budgets.text)
        let key = Hashing.sha256(["strategy", runID, run.blueprint.name, configSHA, riskProfile, riskSHA, dataSHA].joined(separator: "|"))
        let returns = run.trades.map(\.returnOnNotional)
        return LeaderboardRow(
            key: String(key.prefix(32)), runID: runID, modelID: "strategy.\(run.blueprint.name)", modelVersion: String(configSHA.prefix(12)),
            riskProfile: riskProfile, threshold: 0, topPct: nil, allowedHours: "", splits: 1, trades: run.trades.count,
            winRate: run.winRate, meanReturn: run.expectancyReturn, medianReturn: BacktestMetrics.median(returns),
            totalReturn: run.totalReturn, sharpe: run.sharpe, sortino: run.sortino, maxDrawdown: run.maxDrawdown, calmar: run.calmar,
            deflatedSharpe: .nan, foldSharpeSpread: .nan, gateStatus: verdict.status, gateReasons: verdict.reasons.joined(separator: "; "),
            matrixSHA: dataSHA, configSHA: configSHA, reportPath: workspace.relative(report),
            createdAt: Timestamps.iso(Int64(Date().timeIntervalSince1970 * 1e9)))
    }
}
