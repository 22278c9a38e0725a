import Foundation
import Host
import Hummingbird
import PackKit

/// `GET /jobs`, `GET /jobs/{id}`, `DELETE /jobs/{id}` and the event stream `GET /jobs/{id}/events`.
enum JobRoutes {
    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        router.get("/jobs") { request, _ in
            let limit = try Query(request).int("limit", in: 1...1000) ?? 100
            return Reply.json(.array(try await state.jobs.jobs(limit: limit).map(\.json)))
        }
        router.get("/jobs/:id") { _, context in
            Reply.json(try found(try await state.jobs.job(try jobID(context)), context).json)
        }
        router.delete("/jobs/:id") { _, context in
            Reply.json(try found(try await state.jobs.cancel(try jobID(context)), context).json)
        }
        router.get("/jobs/:id/events") { _, context in
            let id = try jobID(context)
            let stream = try found(try await state.jobs.events(id), context)
            // Server-sent events: one `event: job` per update, the job as JSON; the stream ends with the job.
            let body = ResponseBody { writer in
                for await job in stream {
                    try await writer.write(ByteBuffer(string: "event: job\ndata: \(job.json.text)\n\n"))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }
    }

    /// A 202's body: the job and where to follow it.
    static func accepted(_ job: JobRecord) -> JSON {
        guard case .object(var o) = job.json else { return job.json }
        o["job_id"] = .string(job.id)
        o["links"] = .object(["self": .string("/jobs/\(job.id)"), "events": .string("/jobs/\(job.id)/events")])
        return .object(o)
    }

    /// Job ids are `job-<ms>-<hex>`: the id rule keeps them to one path segment.
    private static func jobID(_ context: BasicRequestContext) throws -> String {
        let id = try context.parameters.require("id")
        try ModelID.check(id, what: "job id")
        return id
    }

    private static func found<T>(_ value: T?, _ context: BasicRequestContext) throws -> T {
        guard let value else {
            throw Problem(.notFound, code: "no-job", "no job '\(context.parameters.get("id") ?? "")'; GET /jobs lists them")
        }
        return value
    }
}
