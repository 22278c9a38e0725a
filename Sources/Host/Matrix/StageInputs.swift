import Foundation
import PackKit

extension ModelPlan {
    /// What a preview or build depends on: the configuration, the dates, the bytes of any
    /// file the query names and of every pack binary involved. A stage whose inputs hash
    /// the same as last time (and whose outputs are intact) is skipped.
    func stageInputs(start: Int32, end: Int32, extra: [String: JSON] = [:]) throws -> JSON {
        var files: [String: JSON] = [:]
        for (key, value) in query {
            guard let path = value.stringValue, FileManager.default.fileExists(atPath: path) else { continue }
            files[key] = .object(["path": .string(path), "sha256": .string(try Hashing.sha256(path: path))])
        }
        var binaries: [String: JSON] = [:]
        for id in usedPackIDs {
            binaries[id] = .string(try Hashing.sha256(path: try catalogue.pack(id).path))
        }
        var o: [String: JSON] = [
            "config_sha": .string(configSHA), "start": .string(Timestamps.date(start)), "end": .string(Timestamps.date(end)),
            "files": .object(files), "pack_binaries": .object(binaries),
        ]
        o.merge(extra) { a, _ in a }
        return .object(o)
    }
}
