import Foundation
import PackKit

/// `live_data/<model>/alert_inputs.jsonl`: for every signal `edgehost alerts` wrote (by its
/// `key`, first record kept, like signals.csv), what `edgehost replay` needs to make it again:
/// the features and full-precision class probabilities of its decision, and `replay_inputs`:
/// the matrix's build range and digest, the scoring versions (registry or workspace artifact),
/// the options and risk budgets of the call, and the digests of the build's data files and pack
/// binaries, the model artifacts and backtest reports, and the model's configuration.
struct AlertInputs {
    static let name = "alert_inputs.jsonl"

    let stage: AlertStage
    let model: String
    let risk: RiskBudget
    let threshold: Double?
    let hours: [Int]?

    static func path(_ workspace: Workspace, model: String) throws -> String {
        ((try workspace.signalsFile(model)) as NSString).deletingLastPathComponent + "/" + name
    }

    func record(_ signals: [Signal], matrix: Matrix, built: BuiltMatrix, versions: (active: Scorer, shadow: Scorer?, rollout: RolloutConfig?)) throws {
        guard !signals.isEmpty else { return }
        var file = try LiveMonitorFile(path: try Self.path(stage.workspace, model: model))
        let fresh = signals.filter { file.rows[$0.key] == nil }
        guard !fresh.isEmpty else { return }
        let common = try replayInputs(built: built, versions: versions)
        var index: [String: Int] = [:]
        for r in 0..<matrix.rowCount { index["\(matrix.ts[r])|\(matrix.keys?[r] ?? "")"] = r }
        let records: [JSON] = try fresh.map { s in
            guard let r = index["\(s.ts)|\(s.decisionKey ?? "")"] else { throw WorkspaceError("alert \(s.key): its decision is not a row of the matrix") }
            let scorer = s.route == CanaryRouter.Route.canary.rawValue ? versions.shadow ?? versions.active : versions.active
            let p = try scorer.artifact.probabilities(matrix, rows: [r])[0]
            return .object([
                "key": .string(s.key), "model_id": .string(model), "model_version": .string(s.modelVersion),
                "session_date": .string(Timestamps.date(matrix.market.day(s.ts))), "decision_ts": .string(Timestamps.iso(s.ts)),
                "entity_key": s.decisionKey.map(JSON.string) ?? .null, "run_id": .string(stage.ledger.runID),
                "features": .object(Dictionary(zip(matrix.featureNames, matrix.features.map { JSON.number($0[r]) })) { a, _ in a }),
                "probabilities": .object(Dictionary(zip(scorer.artifact.encoder.classes, p.map(JSON.number))) { a, _ in a }),
                "replay_inputs": common,
            ])
        }
        try file.upsert(records)
    }

    private func replayInputs(built: BuiltMatrix, versions: (active: Scorer, shadow: Scorer?, rollout: RolloutConfig?)) throws -> JSON {
        let workspace = stage.workspace
        let profile = try JSON.parse(String(decoding: FileManager.default.contents(atPath: try workspace.profileFile(model)) ?? Data(), as: UTF8.self))
        var inputs = ReplayInputs()
        // The build that wrote this matrix names its data files and pack binaries.
        if let build = Self.buildInputs(workspace, model: model, built: built) {
            if case .object(let files)? = build["files"] {
                for (key, f) in files.sorted(by: { $0.key < $1.key }) {
                    if let path = f["path"]?.stringValue, let sha = f["sha256"]?.stringValue { inputs.add(.data, "query \(key)", path: path, sha: sha) }
                }
            }
            if case .object(let binaries)? = build["pack_binaries"] {
                for (id, sha) in binaries { if let sha = sha.stringValue { inputs.add(.pack, id, path: nil, sha: sha) } }
            }
        }
        inputs.add(.config, model, path: nil, sha: built.configSHA)
        try inputs.addScorer(versions.active)
        if let shadow = versions.shadow { try inputs.addScorer(shadow) }
        let fromRegistry = versions.active.source.hasPrefix("registry ")
        return .object([
            "source": .string(fromRegistry ? "registry" : "workspace"), "registry": fromRegistry ? stage.registry.map { .string($0.root) } ?? .null : .null,
            "active_version": .string(versions.active.version), "shadow_version": versions.shadow.map { .string($0.version) } ?? .null,
            "rollout": versions.rollout?.json ?? .null, "threshold_option": threshold.map(JSON.number) ?? .null,
            "hours_option": hours.map { .array($0.map { .number(Double($0)) }) } ?? .null, "risk": risk.json,
            "matrix": .object(["start": profile["start"] ?? .null, "end": profile["end"] ?? .null, "matrix_sha": .string(built.sha)]),
            "event_outputs": stage.eventOutputs?.json ?? .null,
            "inputs": inputs.json,
        ])
    }

    /// The inputs of the model's last successful build when its matrix is this one (same digest).
    static func buildInputs(_ workspace: Workspace, model: String, built: BuiltMatrix) -> JSON? {
        func json(_ path: String) -> JSON? {
            FileManager.default.contents(atPath: path).flatMap { try? JSON.parse(String(decoding: $0, as: UTF8.self)) }
        }
        guard let run = json(workspace.path("runs", "index.json"))?["\(model)/build"]?.stringValue,
              let manifest = json(workspace.path("runs", run, "build.json")),
              manifest["outputs"]?[workspace.relative(built.path)]?.stringValue == built.sha else { return nil }
        return manifest["inputs"]
    }

    /// The records by key (none when the file does not exist).
    static func read(_ workspace: Workspace, model: String) throws -> [String: JSON] {
        try LiveMonitorFile(path: try path(workspace, model: model)).rows
    }
}
