import Foundation
import Host
import Hummingbird
import PackKit

/// `POST /models` (the runbook's body), `GET /models`, `GET /models/{id}`, and a model's report and plots.
enum ModelRoutes {
    /// The runbook's names for `ModelConfig`'s keys.
    static let renamed = ["pack_id": "pack", "indicator_set_name": "indicator_set"]

    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        router.post("/models") { request, _ in
            let (_, json) = try await BodyReader.read(request, limit: state.configuration.maxBodyBytes)
            guard case .object(var body) = json else { throw Problem(.badRequest, code: "bad-json", "expected a JSON object") }
            let replace = body.removeValue(forKey: "replace")
            guard replace == nil || replace?.boolValue != nil else { throw Problem(.badRequest, code: "bad-input", "'replace' must be true or false", exit: .badInput) }
            for (from, to) in renamed where body[from] != nil {
                guard body[to] == nil else { throw Problem(.badRequest, code: "bad-input", "give '\(from)' or '\(to)', not both", exit: .badInput) }
                body[to] = body.removeValue(forKey: from)
            }
            let catalogue = state.catalogue
            let config = try ModelConfig(json: .object(body), context: "POST /models body") { pack in try PackDefaults(pack: try catalogue.pack(pack)) }
            let (path, changed) = try ModelStore(workspace: state.workspace).save(config, catalogue: catalogue, replace: replace?.boolValue ?? false)
            let reply: JSON = .object(["model_id": .string(config.modelID), "created": .bool(changed),
                                       "path": .string(state.workspace.relative(path)), "model": config.json])
            var response = Reply.json(reply, status: changed ? .created : .ok)
            response.headers[.location] = "/models/\(config.modelID)"
            return response
        }
        router.get("/models") { _, _ in
            Reply.json(.array(try ModelStore(workspace: state.workspace).list().map(\.json)))
        }
        router.get("/models/:id") { _, context in
            let model = try context.parameters.require("id")
            return Reply.json(try state.context(model).plan.showJSON)
        }
        router.get("/models/:id/report") { _, context in
            let model = try context.parameters.require("id")
            try ModelID.check(model)
            let path = try state.workspace.backtestReport(model)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Problem(.notFound, code: "no-report", "model \(model) has no backtest report yet; POST /backtest first", object: model)
            }
            return Reply.bytes(Array(data), contentType: "application/json")
        }
        router.get("/models/:id/plots/{name}.svg") { _, context in
            let model = try context.parameters.require("id"), name = try context.parameters.require("name")
            try ModelID.check(model)
            // The plot's name passes the id rule too, so it can only name a file in the model's plot folder.
            guard ModelID.isValid(name) else {
                throw Problem(.badRequest, code: "bad-input", "plot name '\(name.prefix(40))' is invalid: use letters, digits, '_', '-', '.'", exit: .badInput)
            }
            let file = name + ".svg"
            let path = (try state.workspace.plotsFolder(model) as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Problem(.notFound, code: "no-plot", "model \(model) has no plot \(file); POST /backtest writes them", object: model)
            }
            return Reply.bytes(Array(data), contentType: "image/svg+xml")
        }
    }
}
