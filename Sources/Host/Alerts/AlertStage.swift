import Foundation
import PackKit

/// `edgehost alerts`: the trained model scores the newest session of the built matrix and the
/// confident, tradable calls become signals. Idempotent: a rerun adds nothing it already wrote.
/// With a registry, its active version scores instead of the workspace artifact, its shadow is
/// scored alongside (shadow_signals.csv, never alerting), and a canary rollout lets the shadow's
/// call be the alert on a hashed share of the decisions.
public struct AlertStage {
    public let workspace: Workspace
    public let ledger: RunLedger
    /// nil, or a registry whose folder does not exist, means the workspace artifact alone.
    public let registry: Registry?
    /// The pack's per-row outputs (defaults.yaml `event_outputs`), written as extra columns.
    public var eventOutputs: EventOutputSpec?

    public init(workspace: Workspace, ledger: RunLedger, registry: Registry? = nil) {
        self.workspace = workspace
        self.ledger = ledger
        self.registry = registry
    }

    public struct Outcome: Sendable {
        public let signals: [Signal]
        public let added: Int
        public let session: Int32?
        public let threshold: Double
        public let thresholdSource: String
        public let path: String
        /// The version the alerts cite for the active model ("v2", or the artifact's digest prefix).
        public let modelVersion: String
        /// Where the active model came from: "workspace artifact" or "registry model@v2".
        public let source: String
        /// The rollout mode in force (`disabled` without a registry entry).
        public let rollout: String
        public let shadow: ShadowOutcome?
    }

    /// The shadow version's calls, written to shadow_signals.csv.
    public struct ShadowOutcome: Sendable {
        public let modelVersion: String
        public let signals: [Signal]
        public let added: Int
        public let path: String
    }

    /// `threshold` nil = the best backtested threshold of this risk profile when at or above its
    /// floor, else the floor (per version: a registry version reads its own backtest.json).
    /// `hours` nil = the hours each model was trained on.
    public func alerts(model: String, risk: RiskBudget, threshold: Double?, hours: [Int]?) throws -> Outcome {
        let started = Date()
        let versions = try scorers(model: model, risk: risk, threshold: threshold, hours: hours)
        let built = try workspace.builtMatrix(model)
        let matrix = try built.read()
        let decided = try decide(model: model, matrix: matrix, versions: versions, risk: risk)
        let (day, rows, signals, shadow) = (decided.day, decided.rows, decided.signals, decided.shadow)
        let path = try workspace.signalsFile(model)
        let added = try SignalsFile.append(signals, to: path, outputColumns: eventOutputs?.columns ?? [])
        try AlertInputs(stage: self, model: model, risk: risk, threshold: threshold, hours: hours).record(signals, matrix: matrix, built: built, versions: versions)
        var shadowOutcome: ShadowOutcome?
        if let scorer = versions.shadow, let shadow {
            let calls = Self.capped(rows.compactMap { shadow[$0] }.map { var s = $0; s.route = SignalRoute.shadow; return s }, risk: risk)
            let file = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shadow_signals.csv")
            shadowOutcome = ShadowOutcome(modelVersion: scorer.version, signals: calls, added: try SignalsFile.append(calls, to: file), path: file)
        }
        let a = versions.active
        let stage = RunLedger.Stage(model: model, name: "alerts", inputs: .object([
            "model_sha": a.artifact.meta["model_sha"] ?? .null, "matrix_sha": .string(built.sha),
            "threshold": .number(a.threshold), "hours": .array(a.allowed.sorted().map { .number(Double($0)) }),
            "model_version": .string(a.version), "shadow_version": versions.shadow.map { .string($0.version) } ?? .null,
            "rollout": .string(versions.rollout?.mode.rawValue ?? RolloutConfig.Mode.disabled.rawValue),
        ]))
        try ledger.record(stage, status: "ok", started: started, ended: Date(), outputs: [path] + (shadowOutcome.map { [$0.path] } ?? []),
                          extra: ["signals": .number(Double(signals.count)), "added": .number(Double(added))])
        return Outcome(signals: signals, added: added, session: day, threshold: a.threshold, thresholdSource: a.thresholdSource, path: path,
                       modelVersion: a.version, source: a.source, rollout: versions.rollout?.mode.rawValue ?? RolloutConfig.Mode.disabled.rawValue,
                       shadow: shadowOutcome)
    }

    /// The calls on the newest session of `matrix` (the alerts, and `edgehost replay` re-deriving them).
    func decide(model: String, matrix: Matrix, versions: (active: Scorer, shadow: Scorer?, rollout: RolloutConfig?), risk: RiskBudget) throws
        -> (day: Int32?, rows: [Int], signals: [Signal], shadow: [Int: Signal]?) {
        // The newest trading day of the model's market (for Globex, the session that closes on it).
        let day = matrix.ts.last.map { matrix.market.day($0) }
        let rows = (0..<matrix.rowCount).filter { matrix.market.day(matrix.ts[$0]) == day }
        let active = try versions.active.calls(matrix, rows: rows, model: model)
        let shadow = try versions.shadow?.calls(matrix, rows: rows, model: model)
        var chosen: [Signal] = []
        for row in rows {
            var route = SignalRoute.full
            if let rollout = versions.rollout, shadow != nil { route = rollout.route(decisionKey: Signal.decisionKey(model: model, ts: matrix.ts[row], key: matrix.keys?[row])) }
            guard var call = route == CanaryRouter.Route.canary.rawValue ? shadow?[row] : active[row] else { continue }
            call.route = route
            chosen.append(call)
        }
        var signals = Self.capped(chosen, risk: risk)
        if let spec = eventOutputs { signals = try EventAlertOutputs(spec: spec, scorer: versions.active).attach(signals, matrix: matrix, rows: rows) }
        return (day, rows, signals, shadow)
    }

    /// The risk profile's trades per day, first come first served.
    static func capped(_ signals: [Signal], risk: RiskBudget) -> [Signal] {
        guard let cap = risk.maxTradesPerDay else { return signals }
        return Array(signals.prefix(max(cap, 0)))
    }

    /// The active scorer (registry active version, else the workspace artifact), the shadow
    /// scorer when the registry has one, and the rollout when the registry decides.
    /// `pinned` names the versions instead of the registry's slots (a replay of what they decided).
    func scorers(model: String, risk: RiskBudget, threshold: Double?, hours: [Int]?, pinned: PinnedVersions? = nil) throws
        -> (active: Scorer, shadow: Scorer?, rollout: RolloutConfig?) {
        func scorer(_ folder: String, version: String?, report: String, source: String) throws -> Scorer {
            let artifact = try ModelArtifact(folder: folder)
            let (cut, why) = threshold.map { ($0, "--threshold") } ?? chooseThreshold(report: report, risk: risk)
            return Scorer(artifact: artifact, version: version ?? artifact.version, threshold: cut, thresholdSource: why,
                          allowed: Set(hours ?? artifact.allowedHours), source: source, report: report)
        }
        guard let registry, FileManager.default.fileExists(atPath: registry.root),
              let active = try pinned?.active ?? registry.slot(.active, model: model) else {
            return (try scorer(workspace.artifactFolder(model, riskProfile: risk.id), version: nil,
                               report: try workspace.backtestReport(model), source: "workspace artifact"), nil, nil)
        }
        func registered(_ entry: RegistryEntry) throws -> Scorer {
            let folder = registry.folder(entry)
            return try scorer(folder, version: entry.version, report: (folder as NSString).appendingPathComponent("backtest.json"),
                              source: "registry \(entry.id)")
        }
        if let pinned { return (try registered(active), try pinned.shadow.map(registered), pinned.rollout) }
        let shadow = try registry.slot(.shadow, model: model).map(registered)
        return (try registered(active), shadow, try registry.rollout(model: model))
    }

    /// The best backtested threshold of this profile in `report` (when it passed its floor), else the floor.
    func chooseThreshold(report: String, risk: RiskBudget) -> (Double, String) {
        if let data = FileManager.default.contents(atPath: report),
           let report = try? JSON.parse(String(decoding: data, as: UTF8.self)), case .array(let gates)? = report["gates"],
           let own = gates.first(where: { $0["risk_profile"]?.stringValue == risk.id }),
           let t = own["threshold"]?.doubleValue, t >= risk.thresholdFloor {
            return (t, "best backtested threshold of risk profile \(risk.id)")
        }
        return (max(risk.thresholdFloor, 0.5), "risk profile \(risk.id)'s threshold_floor")
    }
}

/// One model version ready to score: its calls are the decisions whose most probable class
/// clears its threshold, in its allowed hours, and trades.
struct Scorer {
    let artifact: ModelArtifact
    let version: String
    let threshold: Double
    let thresholdSource: String
    let allowed: Set<Int>
    let source: String
    /// Its backtest report (the workspace's, or the registry version's backtest.json).
    let report: String

    /// Calls by matrix row (before the daily cap, which applies to what finally alerts).
    func calls(_ matrix: Matrix, rows: [Int], model: String) throws -> [Int: Signal] {
        let mine = rows.filter { allowed.isEmpty || allowed.contains(matrix.market.hour(matrix.ts[$0])) }
        var out: [Int: Signal] = [:]
        for (row, p) in zip(mine, try artifact.probabilities(matrix, rows: mine)) {
            out[row] = call(p, ts: matrix.ts[row], hour: matrix.market.hour(matrix.ts[row]), model: model, key: matrix.keys?[row])
        }
        return out
    }

    /// The call on one decision's class probabilities `p` (taken in an allowed hour): its most
    /// probable class when that clears the threshold and trades, else nil. The live monitor
    /// decides with it too.
    func call(_ p: [Double], ts: Int64, hour: Int, model: String, key: String?) -> Signal? {
        let best = OutOfSample.argmax(p)
        guard p[best] >= threshold, let action = artifact.actions.action(artifact.encoder.classes[best]) else { return nil }
        return Signal(ts: ts, modelID: model, modelVersion: version, action: action, probability: p[best], threshold: threshold,
                      hour: hour, decisionKey: key)
    }
}
