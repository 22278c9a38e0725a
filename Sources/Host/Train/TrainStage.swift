import Foundation
import PackKit

/// Which rows of a matrix a model sees: decisions in its allowed hours, in the market's local time.
public enum TradingHours {
    public static func rows(_ matrix: Matrix, allowed: [Int]) -> [Int] {
        guard !allowed.isEmpty else { return Array(0..<matrix.rowCount) }
        let hours = Set(allowed)
        return (0..<matrix.rowCount).filter { hours.contains(matrix.market.hour(matrix.ts[$0])) }
    }
}

/// `edgehost train`: the built matrix → `artifacts/<model>/<risk_profile>/`, skipped when the
/// matrix, the configuration, the policy and the risk budgets are unchanged.
public struct TrainStage {
    public let workspace: Workspace
    public let ledger: RunLedger
    /// Only its cancellation is used: a fit is one unit of work, asked before each boosting round.
    public var progress: Progress = .silent

    public init(workspace: Workspace, ledger: RunLedger) {
        self.workspace = workspace
        self.ledger = ledger
    }

    public func train(_ plan: ModelPlan, defaults: PackDefaults, risk: RiskBudget, policy: TrainingPolicy, force: Bool = false) throws -> StageResult {
        let model = plan.config.modelID
        let built = try workspace.builtMatrix(model)
        let (matrixSHA, configSHA) = (built.sha, built.configSHA)
        let folder = try workspace.artifactFolder(model, riskProfile: risk.id)
        let outputs = [ModelArtifact.modelFile, ModelArtifact.importanceFile, ModelArtifact.metaFile].map { (folder as NSString).appendingPathComponent($0) }
        let inputs: JSON = .object([
            "matrix_sha": .string(matrixSHA), "config_sha": .string(configSHA), "policy": policy.json,
            "risk": risk.json, "xgboost": .string(XGBoost.version), "actions": .object(defaults.actions.mapValues(JSON.string)),
        ])
        let stage = RunLedger.Stage(model: model, name: "train-\(risk.id)", inputs: inputs)
        return try ledger.perform(stage, outputs: outputs, force: force, extra: ["packs": plan.packVersions]) {
            let matrix = try built.read()
            let rows = TradingHours.rows(matrix, allowed: policy.allowedHours)
            let fitted = try Trainer.fit(matrix, rows: rows, policy: policy, cancellation: progress.cancellation)
            // The last check point: from here on the artifact is written (a cancel is refused).
            try progress.commit()
            defer { progress.release() }
            let actions = try ActionMap(classes: fitted.encoder.classes, declared: defaults.actions, outcomeNames: matrix.outcomeNames)
            let modelJSON = try fitted.booster.json()
            let importance = try fitted.booster.gainImportance()
            let meta = metaJSON(plan, fitted: fitted, actions: actions, risk: risk, policy: policy, modelJSON: modelJSON,
                                matrix: matrix, built: built)
            let ranked = matrix.featureNames.map { ($0, importance[$0] ?? 0) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let importanceJSON: JSON = .object([
                "importance_type": .string("gain"), "model_sha": meta["model_sha"]!,
                "features": .array(ranked.map { .object(["feature": .string($0.0), "gain": .finite($0.1)]) }),
            ])
            try ModelArtifact.write(folder: folder, model: modelJSON, meta: meta, importance: importanceJSON)
            let summary = "train \(model) [\(risk.id)]: \(fitted.trainingRows) rows (\(fitted.purgedRows) purged, \(fitted.validationRows) validation), \(fitted.encoder.classes.count) classes \(fitted.encoder.classes.joined(separator: "/")), \(fitted.rounds) rounds, validation logloss \(String(format: "%.4f", fitted.validationLoss)), model \(String(meta["model_sha"]!.stringValue!.prefix(12)))"
                + (importance.isEmpty ? "; \(Self.noSplitNote(policy))" : "")
            return ("ok", meta, summary)
        }
    }

    /// A booster whose trees never split (no feature has gain) scores every row as its prior's
    /// log-odds (or the base score) plus one constant learned from the training window: worth
    /// saying, because such a model cannot have learned anything from the features, and its
    /// constant carries the window's luck to every session it scores.
    static func noSplitNote(_ policy: TrainingPolicy) -> String {
        "no tree split: the model is " + (policy.prior != nil ? "its prior's log-odds" : "the base score")
            + " plus one constant learned from the training window (min_child_weight \(String(format: "%g", policy.minChildWeight)) may exceed what a leaf can hold)"
    }

    private func metaJSON(_ plan: ModelPlan, fitted: FittedModel, actions: ActionMap, risk: RiskBudget, policy: TrainingPolicy,
                          modelJSON: Data, matrix: Matrix, built: BuiltMatrix) -> JSON {
        let classes = fitted.encoder.classes
        return .object([
            "model_id": .string(plan.config.modelID), "pack": .string(plan.pack.id),
            "model_sha": .string(Hashing.sha256(modelJSON)),
            "features": .strings(fitted.featureNames), "feature_schema_sha": .string(matrix.featureSchemaSHA),
            "label_encoder": .object(["classes": .strings(classes),
                                      "objective": .string(classes.count == 2 ? "binary:logistic" : "multi:softprob")]),
            "actions": actions.json,
            "policy": policy.json,
            "booster_params": .object(Dictionary(uniqueKeysWithValues: policy.boosterParams(classes: classes.count).map { ($0.0, JSON.string($0.1)) })),
            "xgboost_version": .string(XGBoost.version),
            "risk_profile": risk.json,
            "training": .object([
                "first_decision": .string(Timestamps.iso(fitted.trainingRange.first)),
                "last_decision": .string(Timestamps.iso(fitted.trainingRange.last)),
                "training_rows": .number(Double(fitted.trainingRows)), "validation_rows": .number(Double(fitted.validationRows)),
                "purged_rows": .number(Double(fitted.purgedRows)), "rounds": .number(Double(fitted.rounds)),
                "validation_logloss": .rounded(fitted.validationLoss, 6),
            ]),
            "lineage": .object([
                "matrix_sha": .string(built.sha), "config_sha": .string(built.configSHA),
                "policy_sha": .string(policy.sha), "risk_sha": .string(risk.sha),
                "matrix": .string(workspace.relative(built.path)),
                "packs": plan.packVersions, "edgehost": .string(EdgehostVersion.current),
            ]),
        ])
    }
}
