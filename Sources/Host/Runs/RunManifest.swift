import Foundation
import PackKit

/// One pipeline run as a whole: `runs/<run_id>/run_manifest.json` lists its stages in the order
/// they ran, each with its status, times, input and output hashes and log, and names the stage
/// that failed. Stages are run through `stage(_:_:)`, which also writes `<stage>.log`.
public final class RunManifest {
    public let ledger: RunLedger
    public let command: String
    private let started = Date()
    private var stages: [String] = []
    private var failure: (stage: String, message: String)?
    /// Run-level facts a flow adds to `run_manifest.json` (discovery: its window).
    public var extra: [String: JSON] = [:]

    public init(ledger: RunLedger, command: String) {
        self.ledger = ledger
        self.command = command
    }

    public var path: String { ledger.workspace.path("runs", ledger.runID, "run_manifest.json") }
    public func logPath(_ stage: String) -> String { ledger.workspace.path("runs", ledger.runID, "\(stage).log") }

    /// Runs one stage with its log open; `summary` describes a finished stage in its log.
    public func stage<T>(_ name: String, summary: (T) -> String, _ body: () throws -> T) throws -> T {
        stages.append(name)
        let log = logPath(name)
        Log.append("\(Self.now()) \(name) started (run \(ledger.runID))", to: log)
        do {
            let result = try Log.teeing(to: log, body)
            Log.append("\(Self.now()) \(name) done: \(summary(result))", to: log)
            return result
        } catch {
            Log.append("\(Self.now()) \(name) failed: \(error)", to: log)
            failure = (name, "\(error)")
            throw error
        }
    }

    /// Runs a whole flow, then writes `run_manifest.json`: as it stands on success, naming the
    /// failed stage on an error (which is rethrown; a manifest that cannot be written then does
    /// not hide it).
    public func recording<T>(_ flow: (RunManifest) throws -> T) throws -> T {
        do {
            let result = try flow(self)
            try write()
            return result
        } catch {
            _ = try? write(error: error)
            throw error
        }
    }

    /// Marks `stage` as the one that stopped the run (a failed verdict rather than an error).
    public func stop(at stage: String, because message: String) {
        failure = (stage, message)
        Log.append("\(Self.now()) run stopped: \(message)", to: logPath(stage))
    }

    /// Writes `run_manifest.json` from the stage manifests written so far; returns its path.
    /// `error` is what ended the run, when it failed between stages.
    @discardableResult
    public func write(error: (any Error)? = nil) throws -> String {
        if let error, failure == nil { failure = (stages.last ?? "run", "\(error)") }
        let ended = Date()
        let entries: [JSON] = stages.map { name in
            var entry: [String: JSON] = ["stage": .string(name), "log": .string("\(name).log")]
            let file = ledger.workspace.path("runs", ledger.runID, "\(name).json")
            if let data = FileManager.default.contents(atPath: file), case .object(let m)? = try? JSON.parse(String(decoding: data, as: UTF8.self)) {
                for key in ["status", "verdict", "started_at", "ended_at", "duration_s", "input_sha", "outputs", "message", "reused_run"] {
                    if let value = m[key] { entry[key] = value }
                }
                entry["manifest"] = .string("\(name).json")
            } else {
                // The stage failed before it could write its own manifest (e.g. a model that does not resolve).
                entry["status"] = .string(failure?.stage == name ? "failed" : "ok")
            }
            if failure?.stage == name {
                entry["status"] = .string("failed")
                entry["message"] = .string(failure!.message)
            }
            return .object(entry)
        }
        var manifest: [String: JSON] = [
            "run_id": .string(ledger.runID), "command": .string(command), "status": .string(failure == nil ? "ok" : "failed"),
            "started_at": .string(Self.iso(started)), "ended_at": .string(Self.iso(ended)),
            "duration_s": .rounded(ended.timeIntervalSince(started), 3), "stages": .array(entries),
            "edgehost_version": .string(EdgehostVersion.current),
        ]
        manifest.merge(extra) { own, _ in own }
        if let failure {
            manifest["failed_stage"] = .string(failure.stage)
            manifest["error"] = .string(failure.message)
        }
        try AtomicFile.write(JSON.object(manifest).prettyText, to: path)
        return path
    }

    private static func iso(_ date: Date) -> String { Timestamps.iso(Int64(date.timeIntervalSince1970 * 1e9)) }
    private static func now() -> String { iso(Date()) }
}
