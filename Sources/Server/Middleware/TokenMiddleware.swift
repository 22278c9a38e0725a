import Foundation
import HTTPTypes
import Hummingbird

/// With a token configured, every request that changes something (anything but GET, HEAD and
/// OPTIONS) needs `Authorization: Bearer <token>`; otherwise 401. Reads stay open, as the
/// dashboard reads without one.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    init(token: String) { self.token = Array(token.utf8) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if [.get, .head, .options].contains(request.method) { return try await next(request, context) }
        let given = request.headers[.authorization].flatMap { value -> [UInt8]? in
            guard value.hasPrefix("Bearer ") else { return nil }
            return Array(value.dropFirst("Bearer ".count).utf8)
        }
        guard let given, Self.equal(given, token) else {
            var problem = Problem(.unauthorized, code: "unauthorized", "this server needs `Authorization: Bearer <token>` (EDGEHOST_API_TOKEN) on requests that change something")
            problem.headers = [.wwwAuthenticate: "Bearer"]
            throw problem
        }
        return try await next(request, context)
    }

    /// Compares in time that depends on the lengths only, never on where the bytes differ.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
