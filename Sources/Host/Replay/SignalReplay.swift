import Foundation
import PackKit

/// One row of `signals.csv` made again from its record in `alert_inputs.jsonl`: the matrix
/// rebuilt over the recorded range through the batch builder, the recorded versions (registry
/// or workspace artifact) with the recorded options and risk budgets, and the alerts' own
/// decision (`AlertStage.decide`: the call, routing, daily cap and per-row outputs). The row
/// is compared column by column as written, with the features and full-precision
/// probabilities of its record.
struct SignalReplay {
    let replay: DecisionReplay
    let model: String
    let row: SignalsFile.Row
    let file: String

    func run() throws -> DecisionReplay.Outcome {
        let workspace = replay.workspace
        guard let record = try AlertInputs.read(workspace, model: model)[row.key] else {
            throw EdgehostError(code: "replay-not-recorded", object: row.key,
                                "\(workspace.relative(file)): this alert has no record in \(AlertInputs.name) (written before edgehost recorded them): it cannot be replayed; run `edgehost alerts` again",
                                exit: .badInput)
        }
        let recorded = record["replay_inputs"]
        let inputs = try ReplayInputs(json: recorded?["inputs"], context: "\(AlertInputs.name) record \(row.key)")
        let context = try ModelContext(workspace: workspace, catalogue: replay.catalogue, model: model)
        func outcome(_ fields: [DecisionReplay.Field], _ checked: [String], _ difference: ReplayDifference?) -> DecisionReplay.Outcome {
            DecisionReplay.Outcome(key: row.key, model: model, kind: "signal", file: file, fields: fields, checked: checked, difference: difference)
        }
        if let d = try inputs.firstDifference(plan: context.plan) { return outcome([], [], d) }
        var checked = ["\(inputs.inputs.count) input digests as recorded (data files, pack binaries, model artifacts and reports, configuration)"]

        guard let start = recorded?["matrix"]?["start"]?.stringValue.flatMap({ try? Timestamps.parseDate($0) }),
              let end = recorded?["matrix"]?["end"]?.stringValue.flatMap({ try? Timestamps.parseDate($0) }),
              case .object(let budgets)? = recorded?["risk"]?["budgets"], let profile = recorded?["risk"]?["id"]?.stringValue else {
            throw WorkspaceError("\(AlertInputs.name): record \(row.key) lacks the matrix range or the risk budgets")
        }
        let (matrix, matrixSHA) = try replay.cache.matrix(plan: context.plan, start: start, end: end)
        if matrixSHA == recorded?["matrix"]?["matrix_sha"]?.stringValue {
            checked.append("matrix rebuilt over \(Timestamps.date(start))..\(Timestamps.date(end)): matrix_sha \(matrixSHA.prefix(12))… as recorded")
        }
        let risk = try RiskBudget(profile, pack: context.plan.pack, defaults: context.defaults, params: budgets)
        let registry = recorded?["source"]?.stringValue == "registry" ? replay.registry(recorded: recorded?["registry"]) : nil
        var stage = AlertStage(workspace: workspace, ledger: RunLedger(workspace: workspace), registry: registry)
        stage.eventOutputs = context.defaults.eventOutputs
        let pinned = try registry.map { r in
            try PinnedVersions(registry: r, model: model, active: recorded?["active_version"]?.stringValue ?? "",
                               shadow: recorded?["shadow_version"]?.stringValue, rollout: recorded?["rollout"])
        }
        let hours: [Int]? = if case .array(let h)? = recorded?["hours_option"] { h.compactMap(\.intValue) } else { nil }
        let versions = try stage.scorers(model: model, risk: risk, threshold: recorded?["threshold_option"]?.doubleValue, hours: hours, pinned: pinned)
        let decided = try stage.decide(model: model, matrix: matrix, versions: versions, risk: risk)

        let ts = record["decision_ts"]?.stringValue.flatMap(Timestamps.parseInstant)
        guard let r = (0..<matrix.rowCount).first(where: { matrix.ts[$0] == ts && matrix.keys?[$0] == row.decisionKey }) else {
            return outcome([], checked, ReplayDifference(kind: .field, name: "decision", recorded: "\(row.ts) \(row.decisionKey ?? "")",
                                                         replayed: "not a row of the rebuilt matrix"))
        }
        let scorer = row.route == CanaryRouter.Route.canary.rawValue ? versions.shadow ?? versions.active : versions.active
        let p = try scorer.artifact.probabilities(matrix, rows: [r])[0]
        let columns = try header()
        let signal = decided.signals.first { $0.key == row.key }
        let replayed = JSON.object([
            "features": .object(Dictionary(zip(matrix.featureNames, matrix.features.map { JSON.number($0[r]) })) { a, _ in a }),
            "probabilities": .object(Dictionary(zip(scorer.artifact.encoder.classes, p.map(JSON.number))) { a, _ in a }),
            "signals.csv": signal.map { .object(Self.named(columns, line(of: $0, columns: columns))) } ?? .string("no alert with this key"),
        ])
        let written = JSON.object(["features": record["features"] ?? .null, "probabilities": record["probabilities"] ?? .null,
                                   "signals.csv": .object(Self.named(columns, row.line))])
        let difference = DecisionComparison.first(recorded: written, replayed: ReplayText.stored(replayed), probabilityFields: ["probabilities"])
            .map { d -> ReplayDifference in
                // A column of the row: name it as the file does.
                guard d.kind == .field, d.name == "signals.csv", case .object(let a)? = written["signals.csv"], case .object(let b)? = replayed["signals.csv"],
                      let inner = DecisionComparison.members(.object(a), .object(b), kind: .field, prefix: "signals.csv ") else { return d }
                return inner
            }
        if difference == nil {
            checked.append("\(matrix.featureNames.count) features, \(p.count) class probabilities and the \(columns.count) columns of the row bit for bit")
        }
        var fields = DecisionReplay.fields(ReplayText.stored(replayed))
        fields.removeAll { $0.name == "signals.csv" }
        if let signal { fields += zip(columns, line(of: signal, columns: columns).split(separator: ",", omittingEmptySubsequences: false)).map { DecisionReplay.Field(name: $0, value: String($1)) } }
        return outcome(fields, checked, difference)
    }

    /// The file's column names.
    func header() throws -> [String] {
        let text = TextFile.decode(FileManager.default.contents(atPath: file) ?? Data())
        return text.split(separator: "\n").first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
    }

    /// The replayed signal as `SignalsFile.append` writes it into a file with these columns.
    func line(of s: Signal, columns: [String]) -> String {
        let keyed = columns.contains("decision_key")
        let outputs = columns.count - SignalsFile.header.split(separator: ",").count - (keyed ? 1 : 0)
        return SignalsFile.row(s, keyed: keyed, outputColumns: max(outputs, 0))
    }

    static func named(_ columns: [String], _ line: String) -> [String: JSON] {
        Dictionary(zip(columns, line.split(separator: ",", omittingEmptySubsequences: false).map { JSON.string(String($0)) })) { a, _ in a }
    }
}
