import Foundation
import PackKit

/// One line of `registry/ledger.jsonl`: what happened to which model, who did it and why.
/// `slot` (promote, demote, and rollbacks) and `rollout` (rollout) are the extra keys the
/// manifest is rebuilt from; lines without them change no slot.
public struct LedgerLine: Sendable, Equatable {
    public var ts: String, action: String, modelID: String, fromVersion: String?, toVersion: String?, reason: String, actor: String
    public var slot: RegistrySlot?
    public var rollout: RolloutConfig?

    public init(ts: String, action: String, modelID: String, fromVersion: String?, toVersion: String?, reason: String, actor: String,
                slot: RegistrySlot? = nil, rollout: RolloutConfig? = nil) {
        self.ts = ts
        self.action = action
        self.modelID = modelID
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.reason = reason
        self.actor = actor
        self.slot = slot
        self.rollout = rollout
    }

    public var json: JSON {
        var o: [String: JSON] = [
            "ts": .string(ts), "action": .string(action), "model_id": .string(modelID),
            "from_version": fromVersion.map(JSON.string) ?? .null, "to_version": toVersion.map(JSON.string) ?? .null,
            "reason": .string(reason), "actor": .string(actor),
        ]
        if let slot { o["slot"] = .string(slot.rawValue) }
        if let rollout { o["rollout"] = rollout.json }
        return .object(o)
    }

    public init(json: JSON) throws {
        func text(_ key: String) throws -> String {
            guard let s = json[key]?.stringValue else { throw WorkspaceError("lacks the string '\(key)'") }
            return s
        }
        func optional(_ key: String) throws -> String? {
            switch json[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            default: throw WorkspaceError("'\(key)' must be a string or null")
            }
        }
        var slot: RegistrySlot?
        if let name = try optional("slot") {
            guard let s = RegistrySlot(rawValue: name) else { throw WorkspaceError("unknown slot '\(name)'") }
            slot = s
        }
        let rollout = try json["rollout"].map { try RolloutConfig(json: $0) }
        self.init(ts: try text("ts"), action: try text("action"), modelID: try text("model_id"), fromVersion: try optional("from_version"),
                  toVersion: try optional("to_version"), reason: try text("reason"), actor: try text("actor"), slot: slot, rollout: rollout)
    }
}

/// The append-only ledger file. Each append is one `write(2)` of whole lines followed by
/// `fsync`, so a killed writer leaves either all of its lines or none; a trailing fragment
/// (a line without its newline) is reported by `read` and cut off by the next writer.
struct LedgerFile {
    let path: String

    struct Contents {
        var lines: [LedgerLine] = []
        /// 1-based line numbers and messages of complete lines that do not parse.
        var damaged: [(line: Int, message: String)] = []
        /// Bytes after the last newline: an interrupted append.
        var partialBytes = 0
    }

    func read() throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw WorkspaceError("\(path): cannot read the ledger") }
            return Contents()
        }
        var contents = Contents()
        guard let last = data.lastIndex(of: UInt8(ascii: "\n")) else {
            contents.partialBytes = data.count
            return contents
        }
        contents.partialBytes = data.endIndex - last - 1
        let complete = data[..<last]
        for (n, raw) in complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            do {
                contents.lines.append(try LedgerLine(json: try JSON.parse(String(decoding: raw, as: UTF8.self))))
            } catch {
                contents.damaged.append((n + 1, "\(error)"))
            }
        }
        return contents
    }

    /// Cuts a trailing fragment left by a killed writer; call under the registry lock.
    func truncatePartialLine() throws {
        let contents = try read()
        guard contents.partialBytes > 0, let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int else { return }
        guard truncate(path, off_t(size - contents.partialBytes)) == 0 else {
            throw WorkspaceError("\(path): cannot cut the partial last line: \(String(cString: strerror(errno)))")
        }
    }

    /// Appends whole lines in one write and makes them durable; call under the registry lock.
    func append(_ lines: [LedgerLine]) throws {
        let bytes = Array(lines.map { $0.json.text + "\n" }.joined().utf8)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkspaceError("\(path): cannot open the ledger: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw WorkspaceError("\(path): cannot append to the ledger (\(written) of \(bytes.count) bytes): \(String(cString: strerror(errno)))")
        }
        guard fsync(fd) == 0 else { throw WorkspaceError("\(path): fsync failed: \(String(cString: strerror(errno)))") }
    }
}
