import Foundation
import PackKit

/// Run manifests: each stage of a run writes `runs/<run_id>/<stage>.json` (status, times,
/// input and output hashes, pack and ABI versions). `runs/index.json` remembers each
/// model's last successful run of each stage, so a stage whose inputs are unchanged and
/// whose outputs are intact is skipped.
public struct RunLedger: Sendable {
    public let workspace: Workspace
    public let runID: String

    public init(workspace: Workspace, runID: String = RunLedger.newRunID()) {
        self.workspace = workspace
        self.runID = runID
    }

    /// `20261121T101500Z-3fa2`: sortable by time, unique enough for one workspace.
    public static func newRunID(now: Date = Date()) -> String {
        let seconds = Int64(now.timeIntervalSince1970)
        let stamp = Timestamps.iso(seconds * 1_000_000_000).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "\(stamp)-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }

    /// A run id names a folder: letters, digits, `.`, `_`, `-`, not starting with `.`, at most 100.
    public static func check(runID: String) throws(WorkspaceError) {
        guard !runID.isEmpty, runID.count <= 100, !runID.hasPrefix("."),
              runID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw WorkspaceError("run id '\(runID)' is invalid: use letters, digits, '.', '_' and '-' (not first), at most 100")
        }
    }

    public struct Stage: Sendable {
        public var model: String
        public var name: String
        public var inputs: JSON
        public var inputSHA: String { Hashing.sha256(inputs.text) }

        public init(model: String, name: String, inputs: JSON) {
            self.model = model
            self.name = name
            self.inputs = inputs
        }
    }

    private var indexPath: String { workspace.path("runs", "index.json") }

    private func index() -> [String: JSON] {
        guard let data = FileManager.default.contents(atPath: indexPath),
              case .object(let o)? = try? JSON.parse(String(decoding: data, as: UTF8.self)) else { return [:] }
        return o
    }

    /// The run that last completed `stage` with the same inputs, if its outputs are intact.
    public func unchanged(_ stage: Stage) -> String? { reusable(stage)?.run }

    /// The run whose outputs of `stage` can stand for this one's, and those outputs (absolute
    /// paths): this run's own manifest first (a run id used again, as discovery's are, whose
    /// outputs live under it; a manifest saying `skipped` vouches for what it found intact),
    /// then the model's last successful run. Same input hash, every output's SHA-256 unchanged.
    public func reusable(_ stage: Stage) -> (run: String, outputs: [String])? {
        for run in [runID, index()["\(stage.model)/\(stage.name)"]?.stringValue].compactMap({ $0 }) {
            guard let data = FileManager.default.contents(atPath: workspace.path("runs", run, "\(stage.name).json")),
                  let manifest = try? JSON.parse(String(decoding: data, as: UTF8.self)),
                  ["ok", "skipped"].contains(manifest["status"]?.stringValue ?? ""), manifest["input_sha"]?.stringValue == stage.inputSHA,
                  case .object(let outputs)? = manifest["outputs"] else { continue }
            let intact = outputs.allSatisfy { relative, sha in
                (try? Hashing.sha256(path: workspace.path(relative))).map { $0 == sha.stringValue } ?? false
            }
            guard intact else { continue }
            let origin = manifest["status"]?.stringValue == "skipped" ? manifest["reused_run"]?.stringValue ?? run : run
            return (origin, outputs.keys.sorted().map { workspace.path($0) })
        }
        return nil
    }

    /// Writes the stage's manifest; on success also points the index at this run.
    public func record(_ stage: Stage, status: String, started: Date, ended: Date, outputs: [String], message: String? = nil,
                       extra: [String: JSON] = [:]) throws {
        var hashes: [String: JSON] = [:]
        for path in outputs { hashes[workspace.relative(path)] = .string(try Hashing.sha256(path: path)) }
        var manifest: [String: JSON] = [
            "run_id": .string(runID), "stage": .string(stage.name), "model_id": .string(stage.model), "status": .string(status),
            "started_at": .string(Timestamps.iso(Int64(started.timeIntervalSince1970 * 1e9))),
            "ended_at": .string(Timestamps.iso(Int64(ended.timeIntervalSince1970 * 1e9))),
            "duration_s": .rounded(ended.timeIntervalSince(started), 3),
            "inputs": stage.inputs, "input_sha": .string(stage.inputSHA), "outputs": .object(hashes),
            "edgehost_version": .string(EdgehostVersion.current),
        ]
        if let message { manifest["message"] = .string(message) }
        manifest.merge(extra) { a, _ in a }
        try AtomicFile.write(JSON.object(manifest).prettyText, to: workspace.path("runs", runID, "\(stage.name).json"))
        guard status == "ok" else { return }
        var updated = index()
        updated["\(stage.model)/\(stage.name)"] = .string(runID)
        try AtomicFile.write(JSON.object(updated).prettyText, to: indexPath)
    }
}
