import Foundation
import PackKit

/// `edgehost sweep`: the walk-forward models are trained once (per fold, on every hour of the
/// grid); each configuration of the grid trades their out-of-sample predictions. Rankings give
/// the raw and the deflated Sharpe ratio, and the grid's probability of backtest overfitting.
/// A sweep is many backtests on one set of predictions, so the backtest stage runs it.
extension BacktestStage {
    public func sweep(_ plan: ModelPlan, defaults: PackDefaults, request: SweepRequest, force: Bool = false) throws -> StageResult {
        let model = plan.config.modelID
        let built = try workspace.builtMatrix(model)
        let (matrixPath, matrixSHA, configSHA) = (built.path, built.sha, built.configSHA)
        let reportPath = try workspace.sweepReport(model, tag: request.tag)
        let inputs: JSON = .object([
            "matrix_sha": .string(matrixSHA), "config_sha": .string(configSHA), "request": request.json,
            "xgboost": .string(XGBoost.version), "actions": .object(defaults.actions.mapValues(JSON.string)),
            "gate": defaults.qualityGate?.json ?? .null,
        ])
        let stage = RunLedger.Stage(model: model, name: "sweep-\(request.tag)", inputs: inputs)
        return try ledger.perform(stage, outputs: [reportPath], force: force, extra: ["packs": plan.packVersions],
                                  onFailure: { progress.finish() }) {
            let run = try WalkForwardRun(matrix: try built.read(), policy: request.policy, splits: request.splits,
                                         minimum: request.minimum, declaredActions: defaults.actions, progress: progress)
            let grid = request.configurations
            let slots = Slots<ConfigurationResult>(grid.count)
            let rules = grid.map(\.rules), bar = progress
            Parallel.forEach(rules.count) { i in
                // Once cancelled, the remaining configurations are skipped (their empty slots never read).
                guard bar.cancellation?.isCancelled != true else { return }
                bar.update("configurations", slots.set(i, run.evaluate(rules[i])), of: rules.count)
            }
            progress.finish()
            try progress.checkCancelled()
            var results = slots.values
            ConfigurationResult.deflate(&results)
            let judge = try GateVerdict.Judge(defaults.qualityGate, plan: plan)
            let verdicts = try zip(results, grid).map { try judge.verdict($0, profile: $1.profile) }
            // Configurations that never trade are all alike (Sharpe 0): they would only add ties.
            let overfitting = CSCV.pbo(results.filter { $0.metrics.trades > 0 }.map(\.metrics.dailyReturns),
                                       stop: { bar.cancellation?.isCancelled == true })
            try progress.checkCancelled()
            // Sharpe descending, NaN (no trades) last, then grid order.
            let ranking = results.indices.sorted { a, b in
                let (x, y) = (results[a].metrics.sharpe, results[b].metrics.sharpe)
                if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? a < b : y.isNaN }
                return x != y ? x > y : a < b
            }
            let lineage: JSON = .object([
                "matrix_sha": .string(matrixSHA), "config_sha": .string(configSHA), "policy_sha": .string(request.policy.sha),
                "xgboost_version": .string(XGBoost.version),
            ])
            let passing = verdicts.filter { $0.status == "pass" }.count
            let report: JSON = .object(run.plan.json.merging([
                "model_id": .string(model), "status": .string(passing > 0 ? "pass" : "fail"), "request": request.json,
                "lineage": lineage, "configurations_tried": .number(Double(grid.count)),
                "passing": .number(Double(passing)),
                "pbo": overfitting.map { .object(["pbo": .rounded($0.pbo, 6), "combinations": .number(Double($0.combinations)),
                                                  "blocks": .number(Double($0.blocks)), "method": .string("CSCV, Bailey et al. 2015"),
                                                  "configurations": .number(Double(results.filter { $0.metrics.trades > 0 }.count))]) }
                    ?? .string("not computed: fewer than 2 configurations traded"),
                "folds": .array(run.oos.folds.map(BacktestStage.foldJSON)),
                "ranking": .array(ranking.map { i in Self.rowJSON(results[i], verdicts[i]) }),
            ]) { _, new in new })
            // The last check point: nothing is written once the job was cancelled, and a cancel
            // that comes while the outputs are written is refused.
            try progress.commit()
            defer { progress.release() }
            try AtomicFile.write(report.prettyText, to: reportPath)
            let context = LeaderboardRows.Context(model: model, splits: run.plan.used, lineage: lineage, runID: ledger.runID,
                                                  report: workspace.relative(reportPath))
            try leaderboard?.upsert(zip(results, verdicts).map { LeaderboardRows.row($0, risk: $1.profile, verdict: $1, context) })
            var summary = "sweep \(model) [\(request.tag)]: \(grid.count) configurations on \(run.oos.predictions.count) out-of-sample predictions (\(run.oos.folds.count) folds trained once\(run.plan.note.map { "; \($0)" } ?? "")), \(passing) pass their gates"
            if let o = overfitting { summary += ", PBO \(String(format: "%.2f", o.pbo)) over \(o.combinations) CSCV splits" }
            if let top = ranking.first, results[top].metrics.trades > 0 {
                let r = results[top]
                summary += "; best: \(verdicts[top].profile.id) hours \(r.rules.allowedHours.map(String.init).joined(separator: ",")) threshold \(String(format: "%.2f", r.rules.threshold))\(r.rules.topPct.map { String(format: " top %.0f%%", $0 * 100) } ?? ""): Sharpe \(String(format: "%.2f", r.metrics.sharpe)), deflated \(String(format: "%.2f", r.deflatedSharpe)), \(r.metrics.trades) trades"
            }
            else { summary += "; no configuration traded" }
            return (passing > 0 ? "pass" : "fail", report, summary)
        }
    }

    static func rowJSON(_ r: ConfigurationResult, _ v: GateVerdict) -> JSON {
        let m = r.metrics
        return .object([
            "risk_profile": .string(v.profile.id), "risk_sha": .string(v.profile.sha), "hours": .array(r.rules.allowedHours.map { .number(Double($0)) }),
            "threshold": .number(r.rules.threshold), "top_pct": r.rules.topPct.map(JSON.number) ?? .null,
            "trades": .number(Double(m.trades)), "win_rate": .rounded(m.winRate, 6), "total_return": .rounded(m.totalReturn, 6),
            "sharpe": .rounded(m.sharpe, 6), "deflated_sharpe": .rounded(r.deflatedSharpe, 6), "sortino": .rounded(m.sortino, 6),
            "max_drawdown": .rounded(m.maxDrawdown, 6), "calmar": .rounded(m.calmar, 6),
            "fold_sharpe_spread": .rounded(r.foldSharpeSpread, 6),
            "gate": .object(["status": .string(v.status), "reasons": .strings(v.reasons)]),
        ])
    }
}
