import Foundation

/// One alert: a model's high-confidence call on one decision.
public struct Signal: Sendable, Equatable {
    public var ts: Int64
    public var modelID: String
    public var modelVersion: String
    public var action: String
    public var probability: Double
    public var threshold: Double
    public var hour: Int

    /// The same model version, decision and action always give the same key: a rerun finds its
    /// signal already written instead of adding it again.
    public var key: String {
        String(Hashing.sha256("\(modelID)|\(modelVersion)|\(Timestamps.iso(ts))|\(action)").prefix(16))
    }
}

/// `live_data/<model>/signals.csv`: `ts, model_id, model_version, action, probability,
/// threshold, hour, key`, sorted by time, one row per key, rewritten atomically.
public enum SignalsFile {
    public static let header = "ts,model_id,model_version,action,probability,threshold,hour,key"

    /// The rows already in the file (none when it does not exist yet), keyed.
    public static func read(_ path: String) throws -> [(key: String, line: String, ts: String)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == header else {
            throw WorkspaceError("\(path): line 1 is not the signals header '\(header)': move the file away, it is not edgehost's")
        }
        return try lines.enumerated().dropFirst().map { n, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 8, fields[7].count == 16 else {
                throw WorkspaceError("\(path): line \(n + 1): expected 8 fields ending in a 16-digit key, got '\(line)'")
            }
            return (String(fields[7]), line, String(fields[0]))
        }
    }

    /// Adds the signals whose keys are new; returns how many were added.
    @discardableResult
    public static func append(_ signals: [Signal], to path: String) throws -> Int {
        var rows = try read(path)
        var known = Set(rows.map(\.key))
        var added = 0
        for s in signals where !known.contains(s.key) {
            known.insert(s.key)
            rows.append((s.key, line(s), Timestamps.iso(s.ts)))
            added += 1
        }
        guard added > 0 || !FileManager.default.fileExists(atPath: path) else { return 0 }
        rows.sort { ($0.ts, $0.key) < ($1.ts, $1.key) }
        try AtomicFile.write(([header] + rows.map(\.line)).joined(separator: "\n") + "\n", to: path)
        return added
    }

    static func line(_ s: Signal) -> String {
        [Timestamps.iso(s.ts), s.modelID, s.modelVersion, s.action, String(format: "%.6f", s.probability),
         String(format: "%.2f", s.threshold), String(s.hour), s.key].joined(separator: ",")
    }
}
