import Foundation
import PackKit

/// `edgehost smoke`: build over a range, backtest walk-forward, and only when the best
/// threshold clears the guardrails train the model and register it (not promoted).
public struct SmokeRun {
    public var start: Int32
    public var end: Int32
    public var guardrails: Guardrails
    public var backtest = BacktestOptions()
    public var force = false
    public var progress: Progress = .silent
    /// Registry folder; nil = `$EDGEHOST_REGISTRY`, else ./registry.
    public var registry: String?
    /// Who registers, for the registry's history.
    public var actor = "edgehost"
    /// Called as build and backtest finish, with the stage's name.
    public var onStage: (String, StageResult) -> Void = { _, _ in }

    public init(start: Int32, end: Int32, guardrails: Guardrails) {
        self.start = start
        self.end = end
        self.guardrails = guardrails
    }

    public struct Outcome: Sendable {
        public let build: StageResult
        public let backtest: StageResult
        /// Why the guardrails failed; empty when they passed.
        public let failures: [String]
        /// nil when the guardrails failed.
        public let trained: StageResult?
        public let risk: RiskBudget
        /// The registry entry: newly registered, or the one already holding this model_sha.
        public let entry: RegistryEntry?
        public let alreadyRegistered: Bool
        public let registryFolder: String?

        public var passed: Bool { failures.isEmpty }
    }

    public func run(_ context: ModelContext, risk: RiskBudget) throws -> Outcome {
        let workspace = context.workspace
        var stages = MatrixStages(workspace: workspace, ledger: RunLedger(workspace: workspace))
        stages.progress = progress
        let build = try stages.build(context.plan, start: start, end: end, force: force)
        onStage("build", build)
        let backtest = try context.backtest(risk: risk, options: self.backtest, ledger: RunLedger(workspace: workspace), progress: progress, force: force)
        onStage("backtest", backtest)
        let failures = guardrails.failures(backtest.report)
        guard failures.isEmpty else {
            return Outcome(build: build, backtest: backtest, failures: failures, trained: nil, risk: risk, entry: nil,
                           alreadyRegistered: false, registryFolder: nil)
        }
        let trained = try context.train(risk: risk, hours: self.backtest.allowedHours, ledger: stages.ledger, force: force)
        let registry = Registry.resolve(self.registry)
        let model = context.modelID
        let sha = trained.report["model_sha"]
        if let same = try registry.entries(model: model).first(where: { $0.lineage["model_sha"] == sha }) {
            return Outcome(build: build, backtest: backtest, failures: [], trained: trained, risk: risk, entry: same,
                           alreadyRegistered: true, registryFolder: registry.folder(same))
        }
        let entry = try registry.register(model: model, workspace: workspace, riskProfile: risk.id,
                                          notes: "smoke \(Timestamps.date(start))..\(Timestamps.date(end)): Sharpe >= \(guardrails.minSharpe), trades >= \(guardrails.minTrades)",
                                          actor: actor)
        return Outcome(build: build, backtest: backtest, failures: [], trained: trained, risk: risk, entry: entry,
                       alreadyRegistered: false, registryFolder: registry.folder(entry))
    }
}
