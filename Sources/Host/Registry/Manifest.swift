import Foundation
import PackKit

/// `registry/manifest.json`: the ledger's replayed state, for people and tools that want it in
/// one read — `{"schema": 1, "ledger_lines": N, "entries": […], "slots": {model: {"active", "shadow"}},
/// "history": {model: [earlier active versions]}, "rollout": {model: {…}}}`. `ledger_lines` says how
/// many ledger lines it reflects, so a manifest left behind by a killed writer (ledger appended,
/// manifest not yet replaced) is told apart from a tampered one. It can always be rebuilt from
/// the ledger and the entry folders (`edgehost registry verify --repair`, or any write).
enum Manifest {
    static let schema = 1

    /// The manifest on disk; nil when there is none yet.
    static func read(_ path: String) throws -> JSON? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try JSON.parse(String(decoding: data, as: UTF8.self)) } catch {
            throw WorkspaceError("\(path): not valid JSON (\(error)); rebuild it with `edgehost registry verify --repair`")
        }
    }

    /// How many ledger lines a manifest reflects.
    static func ledgerLines(_ manifest: JSON) -> Int? { manifest["ledger_lines"]?.intValue }

    static func write(_ state: RegistryState, to path: String) throws {
        try DurableFile.write(Data(state.manifest.prettyText.utf8), to: path)
    }
}
