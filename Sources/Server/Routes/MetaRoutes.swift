import Foundation
import Host
import Hummingbird
import PackKit

/// `GET /healthz`, `GET /metrics`, `GET /openapi.json`.
enum MetaRoutes {
    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        router.get("/healthz") { _, _ in
            let health = try await state.health.answer {
                HealthReport(catalogue: state.catalogue, store: state.configuration.store, registry: state.registry,
                             rows: { try state.withLeaderboard { try $0.count() } }, verify: false)
            }
            return Reply.buffer(health.body, status: health.ok ? .ok : .serviceUnavailable, contentType: "application/json")
        }
        router.get("/metrics") { _, _ in
            let text = state.metrics.text + RegistryMetrics.text(state.registry) + LiveMetrics.text(state.workspace)
            return Reply.text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/openapi.json") { _, _ in
            Reply.bytes(try OpenAPIDocument.bytes(), contentType: "application/json")
        }
    }
}

/// The OpenAPI 3.1 document, written by hand beside the routes (`Resources/openapi.json`); a
/// test checks that its paths and the router's are the same set.
public enum OpenAPIDocument {
    public static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw EdgehostError(code: "internal", "the server's openapi.json resource is missing from the build", exit: .internalError)
        }
        return Array(data)
    }
}
