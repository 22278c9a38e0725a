import Foundation
import Host
import PackKit

/// Runs long work (build, train, backtest, sweep) as jobs: one running job per model, each on
/// its own thread (the stages block), its state kept in the store so a restart still lists it,
/// and its updates pushed to event-stream subscribers.
actor JobManager {
    typealias Work = @Sendable (_ progress: StageProgress) throws -> StageResult

    private let store: JobStore
    private let metrics: ServerMetrics
    /// Result paths are given relative to it, as the preview's are.
    private let workspace: Workspace
    /// Model id → its queued or running job.
    private var busy: [String: String] = [:]
    private var live: [String: JobRecord] = [:]
    private var stageStarted: [String: Date] = [:]
    /// Job id → the flag its flow polls between units of work (`DELETE /jobs/{id}` sets it).
    private var cancellations: [String: Cancellation] = [:]
    private var subscribers: [String: [UUID: AsyncStream<JobRecord>.Continuation]] = [:]
    private var stopping = false

    /// Opens the store's jobs table; jobs a previous process left queued or running are marked interrupted.
    init(location: StoreLocation, workspace: Workspace, metrics: ServerMetrics) throws {
        store = try JobStore(location: location)
        self.workspace = workspace
        self.metrics = metrics
        try store.interruptActive(at: JobRecord.now())
    }

    /// Starts `work` for `model`, or throws 409 when the model already has a job running.
    func submit(kind: String, model: String, request: JSON, work: @escaping Work) throws -> JobRecord {
        guard !stopping else { throw Problem(.serviceUnavailable, code: "shutting-down", "the server is shutting down; submit again after it restarts") }
        if let running = busy[model] {
            throw Problem(.conflict, code: "job-running", "model \(model) already has job \(running) running; wait for it or DELETE /jobs/\(running)",
                          object: running)
        }
        var job = JobRecord(id: JobRecord.newID(), kind: kind, modelID: model, createdAt: JobRecord.now(), request: request.text)
        try store.save(job)
        job.state = .running
        job.startedAt = JobRecord.now()
        try store.save(job)
        busy[model] = job.id
        live[job.id] = job
        metrics.jobsRunning(busy.count)
        let id = job.id
        let cancellation = Cancellation()
        cancellations[id] = cancellation
        let progress = StageProgress(cancellation: cancellation) { [weak self] stage, done, total in
            guard let self else { return }
            let fraction = min(1, max(0, Double(done) / Double(total)))
            Task { await self.report(id, stage: stage, fraction: fraction) }
        }
        let thread = Thread {
            let outcome = Result { try work(progress) }
            // Before the hop to the actor: a DELETE from now on finds the job done, not cancellable.
            cancellation.finish()
            Task { await self.finish(id, outcome) }
        }
        thread.stackSize = 16 << 20
        thread.start()
        return job
    }

    func job(_ id: String) throws -> JobRecord? { try live[id] ?? store.job(id: id) }

    func jobs(limit: Int) throws -> [JobRecord] { try store.jobs(limit: limit).map { live[$0.id] ?? $0 } }

    /// Cancels a job: it is marked cancelled at once and its outcome discarded; its flow stops
    /// at its next check point (between features, folds, boosting rounds, configurations) without
    /// writing its outputs, and then the model is free for a new job. A job past its last check
    /// point (writing its outputs) or already returned is not cancelled: the answer is the job as
    /// it is (running), and it ends as it would have.
    func cancel(_ id: String) throws -> JobRecord? {
        guard var job = try self.job(id) else { return nil }
        guard job.state.isActive else { return job }
        if let cancellation = cancellations[id], !cancellation.cancel() { return job }
        job.state = .cancelled
        job.finishedAt = JobRecord.now()
        try store.save(job)
        live[id] = job
        publish(job, final: true)
        return job
    }

    /// Updates for `id` as they happen; the stream ends when the job does.
    func events(_ id: String) throws -> AsyncStream<JobRecord>? {
        guard let job = try self.job(id) else { return nil }
        let (stream, continuation) = AsyncStream<JobRecord>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.yield(job)
        if job.state.isActive {
            let key = UUID()
            subscribers[id, default: [:]][key] = continuation
            continuation.onTermination = { _ in Task { await self.unsubscribe(id, key) } }
        } else {
            continuation.finish()
        }
        return stream
    }

    /// Graceful shutdown: no new jobs; running ones are marked interrupted (their threads end with the process).
    func shutdown() {
        stopping = true
        // Their flows stop at the next check point rather than write after the record says interrupted.
        for cancellation in cancellations.values { cancellation.cancel() }
        let now = JobRecord.now()
        for (id, var job) in live where job.state.isActive {
            job.state = .interrupted
            job.finishedAt = now
            try? store.save(job)
            live[id] = job
            publish(job, final: true)
        }
    }

    private func unsubscribe(_ id: String, _ key: UUID) { subscribers[id]?[key] = nil }

    private func report(_ id: String, stage: String, fraction: Double) {
        guard var job = live[id], job.state == .running else { return }
        let now = Date()
        if stage != job.stage {
            if let started = stageStarted[id], !job.stage.isEmpty {
                metrics.stageFinished(kind: job.kind, stage: job.stage, seconds: now.timeIntervalSince(started))
            }
            stageStarted[id] = now
        } else if fraction - job.progress < 0.01 && fraction < 1 {
            return  // Not worth a write or an event.
        }
        job.stage = stage
        job.progress = fraction
        live[id] = job
        try? store.save(job)
        publish(job, final: false)
    }

    private func finish(_ id: String, _ outcome: Result<StageResult, any Error>) {
        guard var job = live[id] else { return }
        busy[job.modelID] = nil
        cancellations[id] = nil
        metrics.jobsRunning(busy.count)
        let now = Date()
        if let started = stageStarted.removeValue(forKey: id), !job.stage.isEmpty {
            metrics.stageFinished(kind: job.kind, stage: job.stage, seconds: now.timeIntervalSince(started))
        }
        defer { live[id] = nil }
        // Cancelled or interrupted meanwhile: the outcome is discarded, the record stays as it is.
        guard job.state == .running else { return }
        job.finishedAt = JobRecord.now()
        switch outcome {
        case .success(let result):
            job.state = .succeeded
            job.progress = 1
            job.result = JSON.object([
                "status": .string(result.status), "summary": .string(result.summary),
                "paths": .array(result.paths.map { .string(workspace.relative($0)) }), "skipped_from": result.skippedFrom.map(JSON.string) ?? .null,
            ]).text
        case .failure(let error):
            let e = EdgehostError(error)
            job.state = .failed
            job.error = JSON.object([
                "code": .string(e.code), "message": .string(Redaction.redact(e.message)), "exit": .number(Double(e.exit.rawValue)),
                "object": e.object.map { .string(Redaction.redact($0)) } ?? .null,
            ]).text
        }
        try? store.save(job)
        let seconds = Timestamps.parseInstant(job.startedAt).map { now.timeIntervalSince1970 - Double($0) / 1e9 } ?? 0
        metrics.jobFinished(kind: job.kind, state: job.state.rawValue, seconds: max(0, seconds))
        publish(job, final: true)
    }

    private func publish(_ job: JobRecord, final: Bool) {
        for continuation in (subscribers[job.id] ?? [:]).values {
            continuation.yield(job)
            if final { continuation.finish() }
        }
        if final { subscribers[job.id] = nil }
    }
}
