import Foundation
import Host
import Hummingbird
import PackKit

/// The runbook's pipeline calls. Each reads its body, resolves the model and checks every
/// option before answering, so bad input is a 400 at once; the preview answers with its report,
/// the long stages with `202` and a job (`GET /jobs/{id}`).
enum StageRoutes {
    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        router.post("/preview_matrix") { request, _ in
            var (body, _) = try await BodyReader.read(request, limit: state.configuration.maxBodyBytes)
            let context = try state.context(try body.modelID())
            let start = try body.string("start"), end = try body.string("end"), force = try body.bool("force") ?? false
            try body.finish()
            let result = try await blocking {
                try context.matrix(.preview, start: start, end: end, ledger: RunLedger(workspace: context.workspace), force: force)
            }
            return Reply.json(resultJSON(result, workspace: context.workspace, report: true))
        }
        job("/build_matrix", router: router, state: state) { (body: inout BodyReader, context: ModelContext) throws -> JobManager.Work in
            let start = try body.string("start"), end = try body.string("end"), force = try body.bool("force") ?? false
            let allowQAFail = try body.bool("allow_qa_fail") ?? false
            return { progress in
                try context.matrix(.build, start: start, end: end, ledger: RunLedger(workspace: context.workspace), progress: progress,
                                   force: force, allowQAFail: allowQAFail)
            }
        }
        job("/train", router: router, state: state) { (body: inout BodyReader, context: ModelContext) throws -> JobManager.Work in
            let risk = try riskBudget(&body, context)
            let hours = try body.hours(), force = try body.bool("force") ?? false
            try overrideTag(&body)
            return { progress in
                try context.train(risk: risk, hours: hours, ledger: RunLedger(workspace: context.workspace), progress: progress, force: force)
            }
        }
        job("/backtest", router: router, state: state) { (body: inout BodyReader, context: ModelContext) throws -> JobManager.Work in
            let risk = try riskBudget(&body, context)
            let options = BacktestOptions(thresholds: try body.doubles("thresholds", in: 0.000_001...1) ?? [0.55, 0.60, 0.65],
                                          splits: try body.int("splits", in: 1...50) ?? 5, topPct: try body.double("top_pct", in: 0.000_001...1),
                                          allowedHours: try body.hours(), db: state.configuration.db)
            let force = try body.bool("force") ?? false
            return { progress in
                try context.backtest(risk: risk, options: options, ledger: RunLedger(workspace: context.workspace), progress: progress, force: force)
            }
        }
        job("/backtest_sweep", router: router, state: state) { (body: inout BodyReader, context: ModelContext) throws -> JobManager.Work in
            let tops: [Double?] = try body.doubles("top_pct", in: 0.000_001...1) ?? [nil]
            let sweep = try context.sweepRequest(riskProfile: try body.string("risk_profile"), riskParams: try body.object("risk_params"),
                                                 hours: try body.hours(), thresholds: try body.doubles("thresholds", in: 0.000_001...1) ?? [0.55, 0.60, 0.65],
                                                 topPcts: tops, splits: try body.int("splits", in: 1...50) ?? 5,
                                                 tag: try tag(body.string("tag")), maxConfigs: try body.int("max_configs", in: 1...SweepLimit.defaultMax) ?? SweepLimit.defaultMax)
            let force = try body.bool("force") ?? false
            return { progress in
                try context.sweep(sweep, db: state.configuration.db, ledger: RunLedger(workspace: context.workspace), progress: progress, force: force)
            }
        }
    }

    /// A POST that starts a job: `prepare` reads the body (every key, or 400) and returns the work.
    private static func job(_ path: String, router: Router<BasicRequestContext>, state: ServerState,
                            prepare: @escaping @Sendable (inout BodyReader, ModelContext) throws -> JobManager.Work) {
        router.post(RouterPath(stringLiteral: path)) { request, _ in
            var (body, json) = try await BodyReader.read(request, limit: state.configuration.maxBodyBytes)
            let model = try body.modelID()
            let context = try state.context(model)
            let work = try prepare(&body, context)
            try body.finish()
            let job = try await state.jobs.submit(kind: String(path.dropFirst()), model: model, request: json, work: work)
            var response = Reply.json(JobRoutes.accepted(job), status: .accepted)
            response.headers[.location] = "/jobs/\(job.id)"
            return response
        }
    }

    /// `risk_profile` (any case; default the pack's) with `risk_params` overrides.
    private static func riskBudget(_ body: inout BodyReader, _ context: ModelContext) throws -> RiskBudget {
        try RiskBudget(try body.string("risk_profile"), pack: context.plan.pack, defaults: context.defaults, params: try body.object("risk_params"))
    }

    /// Training a configuration whose gate failed (the dashboard asks first): `gate_override`
    /// needs a `tag`, and both stay in the job's recorded request.
    private static func overrideTag(_ body: inout BodyReader) throws {
        let override = try body.bool("gate_override") ?? false, tag = try body.string("tag")
        if let tag { try ModelID.check(tag, what: "tag") }
        guard !override || tag != nil else {
            throw Problem(.badRequest, code: "bad-input", "\(body.context): 'gate_override' needs a 'tag' saying why", exit: .badInput)
        }
    }

    /// A sweep's tag names a report file: it passes the id rule.
    private static func tag(_ given: String?) throws -> String {
        let tag = given ?? "default"
        try ModelID.check(tag, what: "tag")
        return tag
    }

    /// A stage's outcome: verdict, summary, files (relative to the workspace), and the report when asked.
    static func resultJSON(_ result: StageResult, workspace: Workspace, report: Bool) -> JSON {
        var o: [String: JSON] = ["status": .string(result.status), "summary": .string(result.summary),
                                 "paths": .array(result.paths.map { .string(workspace.relative($0)) }),
                                 "skipped_from": result.skippedFrom.map(JSON.string) ?? .null]
        if report { o["report"] = result.report }
        return .object(o)
    }
}

/// Runs blocking work (a stage, file reads) off the server's threads.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
