import Foundation
import Hummingbird

/// Counts every request and times it, by route (the router's pattern, never the raw path, so
/// ids don't multiply series), method and status.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try Problem(error).response(from: request, context: context)
        }
        metrics.request(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code,
                        duration: ContinuousClock.now - start)
        return response
    }
}
