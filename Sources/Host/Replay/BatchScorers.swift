import Foundation
import PackKit

/// The batch side of a reconciliation: each registry version's probabilities over the batch
/// matrix (computed once per version), and a decision's fields as a live row writes them (with
/// the pack's event outputs when it declares them).
struct BatchScorers {
    let context: ModelContext
    let registry: Registry?
    let matrix: Matrix
    private var probabilities: [String: [[Double]]] = [:]
    private var scorers: [String: Scorer] = [:]
    private var eventOutputs: [String: [EventRowOutputs.Output]] = [:]

    init(context: ModelContext, registry: Registry?, matrix: Matrix) {
        self.context = context
        self.registry = registry
        self.matrix = matrix
    }

    /// Features, class probabilities, predicted class, its probability and the alerts' call (at
    /// the live row's threshold, in the version's hours) of batch row `row` scored by `version`.
    mutating func decision(row: Int, version: String, threshold: Double?, recordedRegistry: JSON?) throws -> JSON {
        let model = context.modelID
        let scorer = try scorers[version] ?? {
            let registry = registry ?? recordedRegistry?.stringValue.map { Registry(root: $0) } ?? Registry.resolve(nil)
            let pinned = try PinnedVersions(registry: registry, model: model, active: version, shadow: nil, rollout: nil)
            let artifact = try ModelArtifact(folder: registry.folder(pinned.active))
            let risk = try RiskBudget(artifact.riskProfile, pack: context.plan.pack, defaults: context.defaults)
            return try AlertStage(workspace: context.workspace, ledger: RunLedger(workspace: context.workspace), registry: registry)
                .scorers(model: model, risk: risk, threshold: threshold, hours: nil, pinned: pinned).active
        }()
        scorers[version] = scorer
        let all = try probabilities[version] ?? scorer.artifact.probabilities(matrix, rows: Array(0..<matrix.rowCount))
        probabilities[version] = all
        let p = all[row], ts = matrix.ts[row], hour = matrix.market.hour(ts)
        let best = OutOfSample.argmax(p), classes = scorer.artifact.encoder.classes
        let allowed = scorer.allowed.isEmpty || scorer.allowed.contains(hour)
        let call = allowed ? scorer.call(p, ts: ts, hour: hour, model: model, key: matrix.keys?[row]) : nil
        var fields: [String: JSON] = [
            "features": .object(Dictionary(zip(matrix.featureNames, matrix.features.map { JSON.number($0[row]) })) { a, _ in a }),
            "probabilities": .object(Dictionary(zip(classes, p.map(JSON.number))) { a, _ in a }),
            "predicted_class": .string(classes[best]), "probability": .number(p[best]),
            "action": call.map { .string($0.action) } ?? .null,
        ]
        if let spec = context.defaults.eventOutputs {
            // The pack's per-row outputs, each instant's ladder scored whole as the loop scores it.
            // The policy is not compared: the loop judges freshness, which a batch build has not.
            let outputs = try eventOutputs[version] ?? EventLadders(spec: spec, scorer: scorer).outputs(matrix, rows: Array(0..<matrix.rowCount), probabilities: all)
            eventOutputs[version] = outputs
            let o = outputs[row]
            fields["\(spec.name)_probability"] = .number(o.probability)
            fields["ci_low"] = .number(o.interval.low)
            fields["ci_high"] = .number(o.interval.high)
            fields["risk_tier"] = .string(o.riskTier)
            fields["ladder_rank"] = .number(Double(o.ladderRank))
        }
        return ReplayText.stored(.object(fields))
    }
}
