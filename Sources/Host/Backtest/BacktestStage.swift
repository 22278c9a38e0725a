import Foundation
import Indicators
import PackKit

/// `edgehost backtest`: purged walk-forward out-of-sample predictions, trades per threshold,
/// metrics, gate verdicts per risk profile, plots, `reports/backtest_<model>.json` and
/// leaderboard rows. Knows labels, probabilities and outcome columns, nothing of what is traded.
public struct BacktestStage {
    public let workspace: Workspace
    public let ledger: RunLedger
    public var progress: Progress = .silent
    /// Where the rows go; nil = no leaderboard.
    public var leaderboard: (any LeaderboardStore)?

    public init(workspace: Workspace, ledger: RunLedger, leaderboard: (any LeaderboardStore)?) {
        self.workspace = workspace
        self.ledger = ledger
        self.leaderboard = leaderboard
    }

    public func backtest(_ plan: ModelPlan, defaults: PackDefaults, risk: RiskBudget, profiles: [RiskBudget],
                         request: BacktestRequest, force: Bool = false) throws -> StageResult {
        let model = plan.config.modelID
        let built = try workspace.builtMatrix(model)
        let (matrixSHA, configSHA) = (built.sha, built.configSHA)
        let plotsFolder = try workspace.plotsFolder(model)
        let plots = BacktestPlots.names.map { (plotsFolder as NSString).appendingPathComponent("\($0).svg") }
        let reportPath = try workspace.backtestReport(model)
        let tradesPath = try workspace.backtestTrades(model), dailyPath = try workspace.backtestDailyReturns(model)
        var inputFields: [String: JSON] = [
            "matrix_sha": .string(matrixSHA), "config_sha": .string(configSHA), "request": request.json,
            "risk": risk.json, "profiles": .array(profiles.map(\.json)), "xgboost": .string(XGBoost.version),
            "actions": .object(defaults.actions.mapValues(JSON.string)), "gate": defaults.qualityGate?.json ?? .null,
        ]
        if let spec = defaults.eventOutputs { inputFields["event_outputs"] = spec.json }
        let inputs: JSON = .object(inputFields)
        let stage = RunLedger.Stage(model: model, name: "backtest", inputs: inputs)
        return try ledger.perform(stage, outputs: plots + [tradesPath, dailyPath, reportPath], force: force, extra: ["packs": plan.packVersions],
                                  onFailure: { progress.finish() }) {
            let run = try WalkForwardRun(matrix: try built.read(), policy: request.policy, splits: request.splits,
                                         minimum: request.minimum, declaredActions: defaults.actions, progress: progress)
            let (matrix, oos, actions, evaluate) = (run.matrix, run.oos, run.actions, run.evaluate)
            var results = request.thresholds.map { t in
                evaluate(TradeRules(threshold: t, allowedHours: request.allowedHours, topPct: request.topPct,
                                    maxTradesPerDay: risk.maxTradesPerDay, positionSize: risk.positionSize))
            }
            ConfigurationResult.deflate(&results)
            let judge = try GateVerdict.Judge(defaults.qualityGate, plan: plan)
            let minTrades = judge.minTrades(risk)
            let chosen = ConfigurationResult.best(results, minTrades: minTrades)
            let best = chosen?.result
            let verdicts = try GateVerdict.judge(profiles, judge: judge, evaluate: evaluate, request: request)
            // The last check point: from here on the outputs are written (a cancel is refused).
            try progress.commit()
            defer { progress.release() }
            for (path, svg) in zip(plots, BacktestPlots.render(model: model, best: best, predictions: oos.predictions, matrix: matrix,
                                                                  importance: oos.importance).map(\.1)) {
                try AtomicFile.write(svg, to: path)
            }
            let lineage: JSON = .object([
                "matrix_sha": .string(matrixSHA), "config_sha": .string(configSHA),
                "policy_sha": .string(request.policy.sha), "risk_sha": .string(risk.sha), "xgboost_version": .string(XGBoost.version),
            ])
            let own = verdicts.first { $0.profile.id == risk.id }
            var report: [String: JSON] = [
                "model_id": .string(model), "status": .string(own?.status ?? "fail"), "risk_profile": risk.json,
                "request": request.json, "lineage": lineage, "actions": actions.json,
                "folds": .array(oos.folds.map(Self.foldJSON)),
                "predictions": .number(Double(oos.predictions.count)),
                "configurations_tried": .number(Double(results.count)),
                "configurations": .array(results.map(\.json)),
                "best": chosen.map { Self.bestJSON($0.result, fellBack: $0.fellBack, minTrades: minTrades) } ?? .null,
                "min_trades": .number(Double(minTrades)),
                "trades_file": .string(workspace.relative(tradesPath)), "daily_returns_file": .string(workspace.relative(dailyPath)),
                "gates": .array(verdicts.map(\.json)),
                // What the importance plot shows, ranked: mean gain over the folds.
                "importance": .array(BacktestPlots.ranked(oos.importance).map { .object(["feature": .string($0.key), "gain": .rounded($0.value, 6)]) }),
                "calibration": .array(ReliabilityDiagram.bins(probabilities: oos.predictions.map(\.probability),
                                                              outcomes: oos.predictions.map { matrix.labels[$0.row] == $0.label })
                    .filter { $0.count > 0 }
                    .map { .object(["mean_predicted": .rounded($0.meanPredicted, 6), "observed": .rounded($0.observedFrequency, 6), "count": .number(Double($0.count))]) }),
                "plots": .object(Dictionary(uniqueKeysWithValues: zip(BacktestPlots.names, plots.map { JSON.string(workspace.relative($0)) }))),
            ]
            report.merge(run.plan.json) { a, _ in a }
            if let spec = defaults.eventOutputs { report["event_calibration"] = try EventCalibration.report(oos.predictions, matrix: matrix, spec: spec) }
            if leaderboard != nil { report["leaderboard"] = .string(workspace.relative(workspace.database)) }
            let json = JSON.object(report)
            try AtomicFile.write(BacktestTradeFiles.trades(results), to: tradesPath)
            try AtomicFile.write(BacktestTradeFiles.dailyReturns(results), to: dailyPath)
            try AtomicFile.write(json.prettyText, to: reportPath)
            let context = LeaderboardRows.Context(model: model, splits: run.plan.used, lineage: lineage, runID: ledger.runID,
                                                  report: workspace.relative(reportPath))
            // Every row carries its own verdict under the model's risk profile.
            try leaderboard?.upsert(try results.map { r in LeaderboardRows.row(r, risk: risk, verdict: try judge.verdict(r, profile: risk), context) })
            return (own?.status ?? "fail", json, Self.summary(model, results: results, best: chosen, minTrades: minTrades, verdicts: verdicts, oos: oos, plan: run.plan))
        }
    }

    static func sessions(_ matrix: Matrix, _ rows: [Int]) -> [Int32] {
        var days: [Int32] = []
        for r in rows {
            let d = matrix.market.day(matrix.ts[r])
            if days.last != d { days.append(d) }
        }
        return days
    }

    static func foldJSON(_ f: OutOfSample.FoldSummary) -> JSON {
        .object([
            "fold": .number(Double(f.fold.index)), "training_rows": .number(Double(f.trainingRows)),
            "purged_rows": .number(Double(f.fold.purged)), "test_rows": .number(Double(f.fold.testRows.count)),
            "test_start": .string(Timestamps.iso(f.fold.testStart)), "rounds": .number(Double(f.rounds)),
            "classes": .strings(f.classes),
        ])
    }

    /// The chosen threshold; `fell_back` when none reached `minTrades` and the note says so.
    static func bestJSON(_ best: ConfigurationResult, fellBack: Bool, minTrades: Int) -> JSON {
        var o: [String: JSON] = [
            "threshold": .number(best.rules.threshold), "metrics": best.metrics.json, "deflated_sharpe": .rounded(best.deflatedSharpe, 6),
            "min_trades": .number(Double(minTrades)), "fell_back": .bool(fellBack),
        ]
        if fellBack { o["note"] = .string(fallbackNote(minTrades)) }
        return .object(o)
    }

    static func fallbackNote(_ minTrades: Int) -> String {
        "no threshold reached \(minTrades) trades: best of those that traded"
    }

    static func summary(_ model: String, results: [ConfigurationResult], best chosen: (result: ConfigurationResult, fellBack: Bool)?, minTrades: Int,
                        verdicts: [GateVerdict], oos: OutOfSample, plan: FoldPlan) -> String {
        var s = "backtest \(model): \(oos.folds.count) folds\(plan.note.map { " (\($0))" } ?? ""), \(oos.predictions.count) out-of-sample predictions, \(results.count) thresholds"
        if let best = chosen?.result {
            let m = best.metrics
            s += chosen!.fellBack ? " (\(fallbackNote(minTrades)))" : ""
            s += "; best threshold \(String(format: "%.2f", best.rules.threshold)): \(m.trades) trades, win rate \(String(format: "%.1f%%", m.winRate * 100)), Sharpe \(String(format: "%.2f", m.sharpe)), max drawdown \(String(format: "%.1f%%", m.maxDrawdown * 100)), deflated Sharpe \(String(format: "%.2f", best.deflatedSharpe))"
        } else {
            s += "; no threshold produced a trade"
        }
        s += "; gates: " + verdicts.map { "\($0.profile.id) \($0.status)" }.joined(separator: ", ")
        return s
    }
}
