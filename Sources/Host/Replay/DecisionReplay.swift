import Foundation
import PackKit

/// `edgehost replay --alert <key>`: any alert of any pack, a row of `signals.csv` (its `key`) or
/// of `live_monitor.jsonl` (its `key`), made again from what it was made from, through the same
/// code (builder → scorer → the alerts' call, or the live decision), and compared with the
/// record bit for bit. The answer is the replayed row, or the FIRST difference: an input's
/// digest (data, pack binary, model artifact, report, configuration), else a feature value,
/// else a probability, else another field. A recorded input that is gone (a deleted recording
/// or model version) is an error with exit 69.
public struct DecisionReplay {
    public let workspace: Workspace
    public let catalogue: PackCatalogue
    /// The registry to score from; nil = the one recorded with the decision.
    public let registry: Registry?
    /// Rebuilt matrices and pinned monitors shared by the replays of one command.
    let cache = ReplayCache()

    public init(workspace: Workspace, catalogue: PackCatalogue, registry: Registry?) {
        self.workspace = workspace
        self.catalogue = catalogue
        self.registry = registry
    }

    public struct Outcome: Sendable {
        public let key: String
        public let model: String
        /// "signal" (signals.csv) or "live decision" (live_monitor.jsonl), and the file.
        public let kind: String
        public let file: String
        /// The replayed decision's fields, printed in full (empty when an input differs).
        public let fields: [Field]
        /// What was found as recorded, in the order checked.
        public let checked: [String]
        public let difference: ReplayDifference?
        /// Why it could not be replayed (`--all` goes on with the next alert).
        public var error: EdgehostError? = nil

        public var equal: Bool { difference == nil && error == nil }
    }

    public struct Field: Sendable {
        public let name: String
        public let value: String
    }

    /// Replays the alert `key`, looked up in `model`'s files (nil: every model's under live_data/).
    public func replay(key: String, model: String?) throws -> Outcome {
        guard key.count == 16, key.allSatisfy(\.isHexDigit) else {
            throw EdgehostError(code: "usage", object: "--alert", "'\(EscapedText.text(key))' is not an alert key (16 hex digits, the `key` of a signals.csv or live_monitor.jsonl row)", exit: .usage)
        }
        // Folders under live_data/ that are not model ids are not edgehost's: passed over.
        let models = model.map { [$0] } ?? (try? FileManager.default.contentsOfDirectory(atPath: workspace.path("live_data")).sorted()
            .filter { (try? ModelID.check($0)) != nil }) ?? []
        for m in models {
            let signals = try workspace.signalsFile(m)
            if let row = try SignalsFile.read(signals).first(where: { $0.key == key }) {
                return try SignalReplay(replay: self, model: m, row: row, file: signals).run()
            }
            let live = workspace.path("live_data", m, LiveMonitorFile.name)
            if let row = try LiveMonitorFile(path: live).rows[key] {
                return try LiveRowReplay(replay: self, model: m, row: row, file: live).run()
            }
        }
        throw EdgehostError(code: "no-such-alert", object: key,
                            "no row with this key in \(model.map { "live_data/\($0)/" } ?? "live_data/*/")signals.csv or live_monitor.jsonl of \(workspace.root)",
                            exit: .badInput)
    }

    /// Every alert of `model`, signals.csv rows then live_monitor.jsonl rows, each matrix
    /// rebuilt once; an alert that cannot be replayed is reported with its error.
    public func replayAll(model: String) throws -> [Outcome] {
        try ModelID.check(model)
        let signals = try workspace.signalsFile(model), live = workspace.path("live_data", model, LiveMonitorFile.name)
        let jobs: [(key: String, kind: String, file: String, run: () throws -> Outcome)] =
            try SignalsFile.read(signals).map { row in (row.key, "signal", signals, { try SignalReplay(replay: self, model: model, row: row, file: signals).run() }) }
            + (try LiveMonitorFile(path: live).ordered).map { row in
                (row["key"]?.stringValue ?? "", "live decision", live, { try LiveRowReplay(replay: self, model: model, row: row, file: live).run() })
            }
        guard !jobs.isEmpty else {
            throw EdgehostError(code: "no-such-alert", object: model, "no alert of \(model) in live_data/\(model)/signals.csv or \(LiveMonitorFile.name)", exit: .badInput)
        }
        return jobs.map { job in
            do { return try job.run() } catch {
                var failed = Outcome(key: job.key, model: model, kind: job.kind, file: job.file, fields: [], checked: [], difference: nil)
                failed.error = EdgehostError(error)
                return failed
            }
        }
    }

    /// The registry given, else the one the decision recorded, else the default.
    func registry(recorded: JSON?) -> Registry {
        registry ?? recorded?.stringValue.map { Registry(root: $0) } ?? Registry.resolve(nil)
    }

    /// The replayed decision, every field in name order, for printing.
    static func fields(_ json: JSON) -> [Field] {
        guard case .object(let o) = json else { return [] }
        return o.keys.sorted().map { Field(name: $0, value: ReplayText.value(o[$0])) }
    }
}
