import Foundation
import Host
import Hummingbird
import PackKit

/// The JSON the dashboard needs that the runbook's API has no route for: a model's matrix
/// profile, its live state (written by the live monitor), which models are live, each model's
/// registry slots and the whole registry ledger.
enum DashboardDataRoutes {
    /// Past this a live state file is not a monitor's summary; refused rather than read whole.
    static let maxLiveStateBytes = 8 << 20

    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        router.get("/models/:id/profile") { _, context in
            let model = try context.parameters.require("id")
            try ModelID.check(model)
            guard let data = FileManager.default.contents(atPath: try state.workspace.profileFile(model)) else {
                throw Problem(.notFound, code: "no-profile", "model \(model) has no matrix profile yet; POST /build_matrix first", object: model)
            }
            return Reply.bytes(Array(data), contentType: "application/json")
        }
        router.get("/models/:id/live") { _, context in
            let model = try context.parameters.require("id")
            try ModelID.check(model)
            return Reply.json(try liveState(model, workspace: state.workspace))
        }
        router.get("/live") { _, _ in
            Reply.json(.array(try liveModels(state.workspace).map { model in
                let live = try? liveState(model, workspace: state.workspace)
                return .object(["model_id": .string(model), "updated_at": live?["updated_at"] ?? .null,
                                "stream_status": live?["health"]?["stream_status"] ?? .null])
            }))
        }
        router.get("/registry/models") { _, _ in
            let registry = state.registry
            return Reply.json(.array(try registry.models().map { model in
                .object([
                    "model_id": .string(model),
                    "active": try registry.slot(.active, model: model).map { .string($0.version) } ?? .null,
                    "shadow": try registry.slot(.shadow, model: model).map { .string($0.version) } ?? .null,
                    "previous_active": .array(try registry.previousActive(model: model).map(JSON.string)),
                    "rollout": try registry.rollout(model: model).json,
                ])
            }))
        }
        router.get("/registry/ledger") { _, _ in
            Reply.json(.array(try state.registry.ledger().map(\.json)))
        }
    }

    /// `live_data/<model>/live_state.json`, the live monitor's summary (README "Dashboard").
    static func liveStatePath(_ model: String, workspace: Workspace) -> String {
        workspace.path("live_data", model, "live_state.json")
    }

    /// The models whose live state exists, sorted.
    static func liveModels(_ workspace: Workspace) throws -> [String] {
        let folder = workspace.path("live_data")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { ModelID.isValid($0) && FileManager.default.fileExists(atPath: liveStatePath($0, workspace: workspace)) }.sorted()
    }

    /// The live state as JSON; 404 when the model has none, 503 while it cannot be read (a
    /// monitor that writes it whole makes that rare and brief; the dashboard retries).
    static func liveState(_ model: String, workspace: Workspace) throws -> JSON {
        let path = liveStatePath(model, workspace: workspace)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else {
            throw Problem(.notFound, code: "not-live", "model \(model) has no live state (live_data/\(model)/live_state.json); the live monitor writes it",
                          object: model)
        }
        guard size <= maxLiveStateBytes, let data = FileManager.default.contents(atPath: path),
              let json = try? JSON.parse(String(decoding: data, as: UTF8.self)), case .object = json else {
            var problem = Problem(.serviceUnavailable, code: "live-state-unreadable",
                                  "live_data/\(model)/live_state.json is not a JSON object of at most \(maxLiveStateBytes) bytes", object: model)
            problem.headers = [.retryAfter: "2"]
            throw problem
        }
        return json
    }
}
