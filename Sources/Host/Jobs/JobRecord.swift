import Foundation
import PackKit

/// One piece of long work the server runs for a client (build, train, backtest, sweep): what
/// was asked, how far it got, and how it ended. Kept in the store so a restart still lists it.
public struct JobRecord: Sendable, Equatable {
    /// Where a job is in its life. `interrupted` is a job the server stopped with (shutdown or
    /// crash): its stage wrote nothing half-way (every output is renamed into place), so rerun it.
    public enum State: String, Sendable, CaseIterable {
        case queued, running, succeeded, failed, cancelled, interrupted

        /// Queued or running: the model is busy.
        public var isActive: Bool { self == .queued || self == .running }
    }

    public var id: String
    /// The request's path without the slash: build_matrix, train, backtest, backtest_sweep.
    public var kind: String
    public var modelID: String
    public var state: State
    /// The stage the work reports (features, folds, …), empty before it starts.
    public var stage: String
    /// 0…1 within the stage.
    public var progress: Double
    /// ISO-8601 instants; empty until they happen.
    public var createdAt: String
    public var startedAt: String
    public var finishedAt: String
    /// The request body as received (JSON text).
    public var request: String
    /// The stage's outcome (status, summary, paths) as JSON text, when it succeeded.
    public var result: String
    /// The error (code, message, exit) as JSON text, when it failed.
    public var error: String

    public init(id: String, kind: String, modelID: String, state: State = .queued, stage: String = "", progress: Double = 0,
                createdAt: String, startedAt: String = "", finishedAt: String = "", request: String = "{}", result: String = "",
                error: String = "") {
        self.id = id
        self.kind = kind
        self.modelID = modelID
        self.state = state
        self.stage = stage
        self.progress = progress
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.request = request
        self.result = result
        self.error = error
    }

    /// The API's form: nested JSON for the request, result and error; empty instants as null.
    public var json: JSON {
        func instant(_ s: String) -> JSON { s.isEmpty ? .null : .string(s) }
        func nested(_ s: String) -> JSON { s.isEmpty ? .null : ((try? JSON.parse(s)) ?? .string(s)) }
        return .object([
            "id": .string(id), "kind": .string(kind), "model_id": .string(modelID), "state": .string(state.rawValue),
            "progress": .object(["fraction": .finite(progress), "stage": .string(stage)]),
            "created_at": instant(createdAt), "started_at": instant(startedAt), "finished_at": instant(finishedAt),
            "request": nested(request), "result": nested(result), "error": nested(error),
        ])
    }

    /// A new job id: time-ordered and unguessable enough for a local API (`job-<ms>-<random>`).
    public static func newID(now: Date = Date()) -> String {
        let ms = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        return "job-\(ms)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    public static func now() -> String { Timestamps.iso(Int64((Date().timeIntervalSince1970 * 1e9).rounded(.down))) }
}
