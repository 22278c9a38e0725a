import Foundation
import HTTPTypes
import Host
import Hummingbird
import NIOCore

/// `GET /` (the dashboard's page) and `GET /ui/{name}` (its scripts, style and icon), from the
/// files read at start-up. No build step means no content-hashed names, so every response says
/// `no-cache` with an ETag: the browser keeps its copy and revalidates it (304) on each load.
enum DashboardRoutes {
    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        let assets = state.dashboard
        router.get("/") { request, _ in
            try serve(DashboardAssets.index, assets: assets, request: request)
        }
        router.get("/ui/:name") { request, context in
            let name = try context.parameters.require("name")
            guard ModelID.isValid(name) else {
                throw Problem(.badRequest, code: "bad-input", "dashboard file '\(name.prefix(40))' is invalid: use letters, digits, '_', '-', '.'",
                              exit: .badInput)
            }
            return try serve(name, assets: assets, request: request)
        }
    }

    /// The page may load only this server's own scripts, styles, images and JSON: no CDN, no
    /// inline script, nothing framed.
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    private static func serve(_ name: String, assets: DashboardAssets, request: Request) throws -> Response {
        guard let asset = assets[name] else {
            throw Problem(.notFound, code: "not-found", "the dashboard has no file '\(name)'", object: name)
        }
        var headers: HTTPFields = [.cacheControl: "no-cache", .eTag: asset.etag]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        if asset.contentType.hasPrefix("text/html") {
            headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
            headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        }
        if let given = request.headers[.ifNoneMatch], given.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        var response = Reply.bytes(asset.bytes, contentType: asset.contentType)
        for field in headers { response.headers[field.name] = field.value }
        return response
    }
}
