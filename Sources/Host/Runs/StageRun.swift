import Foundation
import PackKit

/// The outcome of a pipeline stage, for the command line and for `edgehost run`.
public struct StageResult: Sendable {
    /// The stage's verdict: pass, warn or fail (data QA, model gate), or ok.
    public var status: String
    public var report: JSON
    /// Files written (or found intact when skipped); the report is the last one.
    public var paths: [String]
    /// The earlier run whose outputs were reused, when the stage was skipped.
    public var skippedFrom: String?
    public var summary: String
}

extension RunLedger {
    /// Runs `body` under a manifest, or skips it when `stage`'s inputs are unchanged since a
    /// successful run whose outputs are intact. `outputs.last` is the stage's JSON report,
    /// whose `status` (or `qa.status`) is the stage's verdict.
    public func perform(_ stage: Stage, outputs: [String], force: Bool, extra: [String: JSON] = [:],
                        onFailure: () -> Void = {}, body: () throws -> (status: String, report: JSON, summary: String)) throws -> StageResult {
        if !force, let previous = unchanged(stage), let data = FileManager.default.contents(atPath: outputs.last!),
           let report = try? JSON.parse(String(decoding: data, as: UTF8.self)) {
            let status = report["qa"]?["status"]?.stringValue ?? report["status"]?.stringValue ?? "pass"
            try record(stage, status: "skipped", started: Date(), ended: Date(), outputs: outputs,
                       message: "inputs unchanged since run \(previous)", extra: ["reused_run": .string(previous)])
            return StageResult(status: status, report: report, paths: outputs, skippedFrom: previous,
                               summary: "\(stage.name) \(stage.model): inputs unchanged since run \(previous); skipped (--force reruns)")
        }
        let started = Date()
        do {
            let (status, report, summary) = try body()
            try record(stage, status: "ok", started: started, ended: Date(), outputs: outputs,
                       extra: extra.merging(["verdict": .string(status)]) { a, _ in a })
            return StageResult(status: status, report: report, paths: outputs, skippedFrom: nil, summary: summary)
        } catch {
            onFailure()
            try? record(stage, status: "failed", started: started, ended: Date(), outputs: [], message: "\(error)", extra: extra)
            throw error
        }
    }
}
