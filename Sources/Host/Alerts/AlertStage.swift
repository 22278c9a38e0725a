import Foundation
import Indicators
import PackKit

/// `edgehost alerts`: the trained model scores the newest session of the built matrix and the
/// confident, tradable calls become signals. Idempotent: a rerun adds nothing it already wrote.
public struct AlertStage {
    public let workspace: Workspace
    public let ledger: RunLedger

    public init(workspace: Workspace, ledger: RunLedger) {
        self.workspace = workspace
        self.ledger = ledger
    }

    public struct Outcome: Sendable {
        public let signals: [Signal]
        public let added: Int
        public let session: Int32?
        public let threshold: Double
        public let thresholdSource: String
        public let path: String
    }

    /// `threshold` nil = the best backtested threshold of this risk profile when at or above its
    /// floor, else the floor. `hours` nil = the hours the model was trained on.
    public func alerts(model: String, risk: RiskBudget, threshold: Double?, hours: [Int]?) throws -> Outcome {
        let started = Date()
        let artifact = try ModelArtifact(folder: workspace.artifactFolder(model, riskProfile: risk.id))
        let matrix = try Matrix.read(path: workspace.matrixFile(model))
        let (cut, source) = threshold.map { ($0, "--threshold") } ?? chooseThreshold(model: model, risk: risk)
        let allowed = Set(hours ?? artifact.allowedHours)
        let day = matrix.ts.last.map { NewYorkCalendar.date(nanoseconds: $0) }
        let rows = (0..<matrix.rowCount).filter { r in
            NewYorkCalendar.date(nanoseconds: matrix.ts[r]) == day && (allowed.isEmpty || allowed.contains(Timestamps.newYorkHour(matrix.ts[r])))
        }
        let probabilities = try artifact.probabilities(matrix, rows: rows)
        var signals: [Signal] = []
        for (row, p) in zip(rows, probabilities) {
            let best = OutOfSample.argmax(p)
            let label = artifact.encoder.classes[best]
            guard p[best] >= cut, let action = artifact.actions.action(label) else { continue }
            if let cap = risk.maxTradesPerDay, signals.count >= cap { break }
            signals.append(Signal(ts: matrix.ts[row], modelID: model, modelVersion: artifact.version, action: action,
                                  probability: p[best], threshold: cut, hour: Timestamps.newYorkHour(matrix.ts[row])))
        }
        let path = workspace.signalsFile(model)
        let added = try SignalsFile.append(signals, to: path)
        let stage = RunLedger.Stage(model: model, name: "alerts", inputs: .object([
            "model_sha": artifact.meta["model_sha"] ?? .null, "matrix_sha": .string(try Hashing.sha256(path: workspace.matrixFile(model))),
            "threshold": .number(cut), "hours": .array(allowed.sorted().map { .number(Double($0)) }),
        ]))
        try ledger.record(stage, status: "ok", started: started, ended: Date(), outputs: [path],
                          extra: ["signals": .number(Double(signals.count)), "added": .number(Double(added))])
        return Outcome(signals: signals, added: added, session: day, threshold: cut, thresholdSource: source, path: path)
    }

    /// The backtest's best threshold for this profile (when it passed its floor), else the floor.
    func chooseThreshold(model: String, risk: RiskBudget) -> (Double, String) {
        if let data = FileManager.default.contents(atPath: workspace.backtestReport(model)),
           let report = try? JSON.parse(String(decoding: data, as: UTF8.self)), case .array(let gates)? = report["gates"],
           let own = gates.first(where: { $0["risk_profile"]?.stringValue == risk.id }),
           let t = own["threshold"]?.doubleValue, t >= risk.thresholdFloor {
            return (t, "best backtested threshold of risk profile \(risk.id)")
        }
        return (max(risk.thresholdFloor, 0.5), "risk profile \(risk.id)'s threshold_floor")
    }
}
