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

        public var equal: Bool { difference == nil }
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
        let models = try model.map { [$0] } ?? (try? FileManager.default.contentsOfDirectory(atPath: workspace.path("live_data")).sorted()) ?? []
        for m in models {
            try ModelID.check(m)
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
