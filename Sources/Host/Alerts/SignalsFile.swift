import Foundation
import PackKit

/// One alert: a model's high-confidence call on one decision.
public struct Signal: Sendable, Equatable {
    public var ts: Int64
    public var modelID: String
    public var modelVersion: String
    public var action: String
    public var probability: Double
    public var threshold: Double
    public var hour: Int
    /// `full`, `baseline` or `canary` in signals.csv (see `SignalRoute`), `shadow` in shadow_signals.csv.
    public var route: String = SignalRoute.full
    /// The decision's key beyond `ts` (a level, a strike) when the matrix has keys.
    public var decisionKey: String?
    /// The pack's per-row outputs (`EventOutputSpec.columns`), empty for packs without them.
    public var outputs: [String] = []

    public init(ts: Int64, modelID: String, modelVersion: String, action: String, probability: Double, threshold: Double,
                hour: Int, route: String = SignalRoute.full, decisionKey: String? = nil) {
        self.decisionKey = decisionKey
        self.ts = ts
        self.modelID = modelID
        self.modelVersion = modelVersion
        self.action = action
        self.probability = probability
        self.threshold = threshold
        self.hour = hour
        self.route = route
    }

    /// The same model version, decision and action always give the same key: a rerun finds its
    /// signal already written instead of adding it again.
    public var key: String {
        let decision = Timestamps.iso(ts) + (decisionKey.map { "|" + $0 } ?? "")
        return String(Hashing.sha256("\(modelID)|\(modelVersion)|\(decision)|\(action)").prefix(16))
    }

    /// What canary routing hashes: the decision alone (model and time), not the version or the
    /// action, so both arms are split over the same decisions whichever version calls them.
    public static func decisionKey(model: String, ts: Int64, key: String? = nil) -> String {
        String(Hashing.sha256("\(model)|\(Timestamps.iso(ts))" + (key.map { "|" + $0 } ?? "")).prefix(16))
    }
}

/// `live_data/<model>/signals.csv` (and `shadow_signals.csv`): `ts, model_id, model_version,
/// action, probability, threshold, hour, key, route`, sorted by time (then decision key), one row per key, rewritten
/// atomically. Files written before the `route` column existed are read as route `full`. A
/// model with keyed decisions (several per instant) writes a column `decision_key`; a pack with
/// per-row outputs (`event_outputs`) writes their columns last, and only then.
public enum SignalsFile {
    public static let header = "ts,model_id,model_version,action,probability,threshold,hour,key,route"
    public static let keyedHeader = header + ",decision_key"
    /// The header of files written before routing; their rows are upgraded when next rewritten.
    public static let legacyHeader = "ts,model_id,model_version,action,probability,threshold,hour,key"

    /// One row as written: fields as text (the timestamp stays ISO-8601, as in the matrix).
    public struct Row: Sendable, Equatable {
        public var ts: String
        public var modelID: String
        public var modelVersion: String
        public var action: String
        public var probability: Double
        public var key: String
        public var route: String
        public var decisionKey: String? = nil
        /// The row in the current 9-column layout (10 with a decision key).
        public var line: String
    }

    /// The rows already in the file (none when it does not exist yet).
    public static func read(_ path: String) throws -> [Row] { try readWithColumns(path).rows }

    /// The rows and the file's per-row output columns (after `decision_key`).
    static func readWithColumns(_ path: String) throws -> (rows: [Row], outputColumns: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], []) }
        let lines = TextFile.decode(data).split(separator: "\n").map(String.init)
        let names = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        let base = header.split(separator: ",").map(String.init)
        let width: Int, keyed: Bool
        if lines.first == legacyHeader {
            (width, keyed) = (8, false)
        } else if names.count >= base.count, Array(names.prefix(base.count)) == base,
                  names.count == base.count || names[base.count] == "decision_key" {
            (width, keyed) = (names.count, names.count > base.count)
        } else {
            throw WorkspaceError("\(path): line 1 is not the signals header '\(header)': move the file away, it is not edgehost's")
        }
        let rows = try lines.enumerated().dropFirst().map { n, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == width, fields[7].count == 16, let p = Double(fields[4]) else {
                throw WorkspaceError("\(path): line \(n + 1): expected \(width) fields with a probability and a 16-digit key, got '\(EscapedText.text(line))'")
            }
            let route = width >= 9 ? fields[8] : SignalRoute.full
            return Row(ts: fields[0], modelID: fields[1], modelVersion: fields[2], action: fields[3], probability: p,
                       key: fields[7], route: route, decisionKey: keyed ? fields[9] : nil, line: width >= 9 ? line : line + "," + route)
        }
        return (rows, keyed ? Array(names.dropFirst(base.count + 1)) : [])
    }

    /// Adds the signals whose keys are new; returns how many were added. `outputColumns` names
    /// the signals' `outputs` (a file that has such columns keeps them).
    @discardableResult
    public static func append(_ signals: [Signal], to path: String, outputColumns: [String] = []) throws -> Int {
        let (existing, had) = try readWithColumns(path)
        guard had.isEmpty || outputColumns.isEmpty || had == outputColumns else {
            throw WorkspaceError("\(path): its output columns \(had.joined(separator: ",")) are not the pack's \(outputColumns.joined(separator: ",")); move the file away")
        }
        let columns = outputColumns.isEmpty ? had : outputColumns
        let keyed = !columns.isEmpty || existing.contains { $0.decisionKey != nil } || signals.contains { $0.decisionKey != nil }
        // A row written without some columns gets them empty.
        func widened(_ line: String, hasKey: Bool) -> String {
            line + (keyed && !hasKey ? "," : "") + String(repeating: ",", count: columns.count - had.count)
        }
        var rows = existing.map { (key: $0.key, line: widened($0.line, hasKey: $0.decisionKey != nil),
                                   ts: $0.ts, decision: $0.decisionKey ?? "") }
        var known = Set(rows.map(\.key))
        var added = 0
        for s in signals where !known.contains(s.key) {
            known.insert(s.key)
            rows.append((s.key, row(s, keyed: keyed, outputColumns: columns.count), Timestamps.iso(s.ts), s.decisionKey ?? ""))
            added += 1
        }
        guard added > 0 || !FileManager.default.fileExists(atPath: path) else { return 0 }
        rows.sort { ($0.ts, $0.decision, $0.key) < ($1.ts, $1.decision, $1.key) }
        let head = (keyed ? keyedHeader : header) + columns.map { "," + $0 }.joined()
        try AtomicFile.write(([head] + rows.map(\.line)).joined(separator: "\n") + "\n", to: path)
        return added
    }

    /// A signal's row in a file with a `decision_key` column or not and `outputColumns` output
    /// columns (missing outputs left empty). `edgehost replay` writes a replayed signal with it.
    static func row(_ s: Signal, keyed: Bool, outputColumns: Int) -> String {
        let outputs = s.outputs.prefix(outputColumns)
        return line(s) + (keyed ? "," + (s.decisionKey ?? "") : "") + outputs.map { "," + $0 }.joined()
            + String(repeating: ",", count: outputColumns - outputs.count)
    }

    static func line(_ s: Signal) -> String {
        [Timestamps.iso(s.ts), s.modelID, s.modelVersion, s.action, String(format: "%.6f", s.probability),
         String(format: "%.2f", s.threshold), String(s.hour), s.key, s.route].joined(separator: ",")
    }
}
