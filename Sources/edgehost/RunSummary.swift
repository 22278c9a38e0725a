import Foundation
import Host
import PackKit

/// The closing lines of `edgehost run`: what was made, how good it is, where it is.
struct RunSummary {
    let workspace: Workspace
    let build: StageResult, trained: StageResult, backtest: StageResult
    let alerts: AlertStage.Outcome
    let risk: RiskBudget
    /// The pack's line on what these numbers mean; nil when the run is not on its default data.
    let about: String?
    let registration: RunRegistration?

    /// nil unless every stage ran.
    init?(_ run: PipelineRun.Outcome) {
        guard let build = run.build, let trained = run.trained, let backtest = run.backtest, let alerts = run.alerts else { return nil }
        (workspace, self.build, self.trained, self.backtest, self.alerts, risk, about) = (run.workspace, build, trained, backtest, alerts, run.risk, run.about)
        registration = run.registration
    }

    func print() throws {
        let r = backtest.report
        let p = build.report
        let rows = p["rows"]?.doubleValue.map { String(Int($0)) } ?? "?"
        let features = p["features"].flatMap { if case .object(let o) = $0 { return String(o.count) }; return nil } ?? "?"
        Swift.print("\nsummary")
        try Swift.print("  matrix    \(rows) rows × \(features) features, NaN/QA verdict \(build.status): \(workspace.relative(workspace.matrixFile(model)))")
        if let warm = p["warm_up"], let dropped = warm["decisions_dropped"]?.doubleValue, dropped > 0 {
            Swift.print("  warm-up   \(Int(warm["sessions"]?.doubleValue ?? 0)) sessions, \(Int(dropped)) decisions dropped (before every feature had its lookback)")
        }
        try Swift.print("  model     \(workspace.relative(workspace.artifactFolder(model, riskProfile: risk.id)))/model.json (version \(String((trained.report["model_sha"]?.stringValue ?? "").prefix(12))), \(trained.report["training"]?["rounds"]?.doubleValue.map { String(Int($0)) } ?? "?") rounds)")
        if let best = r["best"], let t = best["threshold"]?.doubleValue, let m = best["metrics"] {
            func n(_ k: String, _ f: String) -> String { m[k]?.doubleValue.map { String(format: f, $0) } ?? "n/a" }
            Swift.print("  best      threshold \(String(format: "%.2f", t)): \(n("trades", "%.0f")) trades, win rate \(n("win_rate", "%.3f")), Sharpe \(n("sharpe", "%.2f")), Sortino \(n("sortino", "%.2f")), max drawdown \(n("max_drawdown", "%.3f")), deflated Sharpe \(best["deflated_sharpe"]?.doubleValue.map { String(format: "%.2f", $0) } ?? "n/a")\(best["note"]?.stringValue.map { " (\($0))" } ?? "")")
        } else {
            Swift.print("  best      no threshold produced a trade")
        }
        if let note = r["splits_note"]?.stringValue { Swift.print("  folds     \(note)") }
        if let about { Swift.print("  meaning   \(about)") }
        Swift.print("  gate      \(risk.id): \(backtest.status) (every profile: reports/backtest_\(model).json → gates)")
        Swift.print("  alerts    \(alerts.signals.count) signal(s), \(alerts.added) new: \(workspace.relative(alerts.path))")
        if let c = r["event_calibration"], let model = c["brier"]?["model"]?.doubleValue, let base = c["brier"]?["baseline"]?.doubleValue {
            Swift.print("  calibrate Brier \(String(format: "%.5f", model)) (model, out of sample) vs \(String(format: "%.5f", base)) (\(c["brier"]?["baseline_feature"]?.stringValue ?? "baseline")); "
                + "bins whose mean prediction is in their interval \(Int(c["calibration_coverage"]?["covered"]?.doubleValue ?? 0))/\(Int(c["calibration_coverage"]?["bins"]?.doubleValue ?? 0)); "
                + "held-out interval coverage \(Int(c["held_out_coverage"]?["covered"]?.doubleValue ?? 0))/\(Int(c["held_out_coverage"]?["bins"]?.doubleValue ?? 0)) bins")
        }
        if let registration { Swift.print("  registry  \(registration.summary)") }
        try Swift.print("  report    \(workspace.relative(workspace.backtestReport(model)))")
        try Swift.print("  plots     \(workspace.relative(workspace.plotsFolder(model)))/{\(BacktestPlots.names.joined(separator: ","))}.svg")
        Swift.print("  workspace \(workspace.root)")
    }

    private var model: String { trained.report["model_id"]?.stringValue ?? "" }
}
