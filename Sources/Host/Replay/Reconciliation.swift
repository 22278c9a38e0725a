import Foundation
import PackKit

/// `edgehost reconcile --model M --session D [--replay-from DIR]`: the live session's recorded
/// bars go through the BATCH path (a matrix build of that session, `MatrixBuilder` with the
/// recording as its source, then the scoring version's probabilities and the alerts' call), and
/// every live decision of the session (`live_monitor.jsonl`) is compared with its batch twin:
/// features, class probabilities, predicted class, probability and action (and a pack's event
/// outputs: probability, interval, tier and ladder rank). The report, written
/// whole to `reports/reconcile/<model>/<session>.json`, lists each difference (row, field, live
/// value, batch value) and the decisions found on one side only.
public struct Reconciliation {
    public let context: ModelContext
    /// nil = the registry each live row recorded.
    public let registry: Registry?
    public let session: Int32
    /// The recording to build from; nil = the one the live rows were made from.
    public let recording: String?

    public init(context: ModelContext, registry: Registry?, session: Int32, recording: String?) {
        self.context = context
        self.registry = registry
        self.session = session
        self.recording = recording
    }

    public struct Difference: Sendable {
        public let key: String
        public let session: String
        public let decisionTS: String
        public let entity: String?
        public let field: String
        public let live: String
        public let batch: String

        var json: JSON {
            .object(["key": .string(key), "session_date": .string(session), "decision_ts": .string(decisionTS), "entity_key": entity.map(JSON.string) ?? .null,
                     "field": .string(field), "live": .string(live), "batch": .string(batch)])
        }
    }

    public struct Outcome: Sendable {
        public let compared: Int
        public let equal: Int
        public let differences: [Difference]
        /// Decisions ("decision_ts entity") with a live row and no batch row, and the reverse.
        public let liveOnly: [String]
        public let batchOnly: [String]
        public let notes: [String]
        public let recording: String
        public let reportPath: String

        public var differingRows: Int { Set(differences.map(\.key)).count }
        /// Zero differences and nothing on one side only.
        public var reconciled: Bool { differences.isEmpty && liveOnly.isEmpty && batchOnly.isEmpty }
    }

    public func run() throws -> Outcome {
        let model = context.modelID, workspace = context.workspace, date = Timestamps.date(session)
        let rows = try LiveMonitorFile(path: workspace.path("live_data", model, LiveMonitorFile.name)).ordered
            .filter { $0["session_date"]?.stringValue == date }
        guard !rows.isEmpty else {
            throw EdgehostError(code: "no-live-rows", object: model, "no live decision of \(model) on \(date) in live_data/\(model)/\(LiveMonitorFile.name): run `edgehost live` on that session first", exit: .badInput)
        }
        guard let folder = recording ?? rows.lazy.compactMap({ $0["replay_inputs"]?["recording"]?.stringValue }).first else {
            throw EdgehostError(code: "usage", object: "--replay-from", "the live rows of \(date) do not name their recording (written before edgehost recorded it): give --replay-from DIR", exit: .usage)
        }
        let (bars, capture, notes) = try RecordingSource.bars(folder: folder, symbol: context.plan.config.ticker, session: session)
        let builder = MatrixBuilder(plan: context.plan)
        builder.source = bars
        let matrix = try builder.build(start: session, end: session, checkCausality: true).matrix
        var batchRows: [String: Int] = [:]
        for r in 0..<matrix.rowCount { batchRows[Self.decision(Timestamps.iso(matrix.ts[r]), matrix.keys?[r])] = r }

        var scorers = BatchScorers(context: context, registry: registry, matrix: matrix)
        var differences: [Difference] = [], liveOnly: [String] = [], equal = 0, seen = Set<String>()
        for row in rows {
            let ts = row["decision_ts"]?.stringValue ?? "", entity = row["entity_key"]?.stringValue
            let name = Self.decision(ts, entity)
            seen.insert(name)
            guard let r = batchRows[name] else { liveOnly.append(name); continue }
            let batch = try scorers.decision(row: r, version: row["served_version"]?.stringValue ?? row["model_version"]?.stringValue ?? "",
                                             threshold: row["threshold"]?.doubleValue, recordedRegistry: row["replay_inputs"]?["registry"])
            let found = Self.compare(live: row, batch: batch).map { field, live, batch in
                Difference(key: row["key"]?.stringValue ?? "", session: date, decisionTS: ts, entity: entity, field: field, live: live, batch: batch)
            }
            if found.isEmpty { equal += 1 }
            differences += found
        }
        let batchOnly = batchRows.keys.filter { !seen.contains($0) }.sorted()
        let path = workspace.path("reports", "reconcile", model, "\(date).json")
        let outcome = Outcome(compared: rows.count - liveOnly.count, equal: equal, differences: differences, liveOnly: liveOnly,
                              batchOnly: batchOnly, notes: notes, recording: folder, reportPath: path)
        try AtomicFile.write(JSON.object([
            "model_id": .string(model), "session": .string(date), "recording": .string(folder), "capture_sha": .string(capture),
            "batch": .object(["rows": .number(Double(matrix.rowCount)), "matrix_sha": .string(Hashing.sha256(matrix.csv()))]),
            "rows_compared": .number(Double(outcome.compared)), "rows_equal": .number(Double(equal)),
            "rows_differing": .number(Double(outcome.differingRows)), "differences": .array(differences.map(\.json)),
            "live_only": .strings(liveOnly), "batch_only": .strings(batchOnly), "notes": .strings(notes),
            "status": .string(outcome.reconciled ? "reconciled" : "differences"),
        ]).prettyText, to: path)
        return outcome
    }

    static func decision(_ ts: String, _ entity: String?) -> String { ts + (entity.map { " " + $0 } ?? "") }

    /// Every field of `batch` (features one by one) whose live value is not the same as written.
    static func compare(live: JSON, batch: JSON) -> [(String, String, String)] {
        guard case .object(let b) = batch else { return [] }
        var out: [(String, String, String)] = []
        for field in b.keys.sorted() {
            if case .object(let inner)? = b[field], case .object(let l)? = live[field] {
                for name in Set(inner.keys).union(l.keys).sorted() where !ReplayText.same(l[name], inner[name]) {
                    out.append(("\(field).\(name)", ReplayText.value(l[name]), ReplayText.value(inner[name])))
                }
            } else if !ReplayText.same(live[field], b[field]), !(field == "features" && live[field] == nil) {
                out.append((field, ReplayText.value(live[field]), ReplayText.value(b[field])))
            }
        }
        return out
    }
}
