import Foundation
import PackKit

/// `live_data/<model>/live_monitor.jsonl`: one JSON object per live decision, keyed by
/// `key` = the first 16 hex digits of SHA-256("model|session|decision ts|entity key|model
/// version"). Upserting a key already in the file keeps the row as first written (the decision
/// as the monitor made it, with the health it had then), so a rerun or a restart never adds a
/// row twice. Lines are sorted by session, decision time, entity key and model version, and the
/// file is replaced whole and durably (temp file, fsync, rename, fsync of the folder): a crash
/// loses nothing already upserted and never leaves half a line.
public struct LiveMonitorFile: Sendable {
    public static let name = "live_monitor.jsonl"
    public let path: String
    public private(set) var rows: [String: JSON] = [:]

    /// Reads the file (none yet = no rows); a line that is not a keyed JSON object fails naming it.
    public init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else { return }
        for (n, line) in TextFile.decode(data).split(separator: "\n").enumerated() {
            guard let row = try? JSON.parse(String(line)), let key = row["key"]?.stringValue else {
                throw WorkspaceError("\(path): line \(n + 1) is not a live decision (a JSON object with a 'key'): move the file away, it is not edgehost's")
            }
            rows[key] = row
        }
    }

    /// The deterministic key of a decision scored by a model version.
    public static func key(model: String, session: Int32, ts: Int64, entity: String?, version: String) -> String {
        String(Hashing.sha256("\(model)|\(Timestamps.date(session))|\(Timestamps.iso(ts))|\(entity ?? "")|\(version)").prefix(16))
    }

    /// Adds the rows whose keys are new and rewrites the file when any was; returns how many.
    @discardableResult
    public mutating func upsert(_ new: [JSON]) throws -> Int {
        var added = 0
        for row in new {
            guard let key = row["key"]?.stringValue, rows[key] == nil else { continue }
            rows[key] = row
            added += 1
        }
        if added > 0 { try DurableFile.write(Data(text.utf8), to: path) }
        return added
    }

    /// The rows in file order.
    public var ordered: [JSON] {
        func sortKey(_ r: JSON) -> [String] {
            ["session_date", "decision_ts", "entity_key", "model_version", "key"].map { r[$0]?.stringValue ?? "" }
        }
        return rows.values.sorted { sortKey($0).lexicographicallyPrecedes(sortKey($1)) }
    }

    var text: String { ordered.map { $0.text + "\n" }.joined() }
}
