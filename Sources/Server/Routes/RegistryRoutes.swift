import Foundation
import Host
import Hummingbird
import PackKit

/// The registry over HTTP: list, show, history (`?at=`), promote, rollback, rollout, with the
/// CLI's refusals (schema mismatch, failed gate without `force` and `reason`: 422).
enum RegistryRoutes {
    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        let registry = state.registry
        router.get("/registry") { request, _ in
            let model = try Query(request).modelID("model")
            return Reply.json(.array(try registry.describedEntries(model: model)))
        }
        router.get("/registry/versions/:id") { _, context in
            let id = try versionID(try context.parameters.require("id"))
            let entry: RegistryEntry
            do { entry = try registry.entry(id: id) } catch {
                throw Problem(.notFound, code: "no-version", "\(EdgehostError(error).message)", object: id)
            }
            return Reply.json(registry.describe(entry, slot: try registry.slot(of: entry)))
        }
        router.get("/registry/models/:model/history") { request, context in
            let model = try context.parameters.require("model")
            try ModelID.check(model)
            if let at = Query(request).string("at") {
                guard Timestamps.parseInstant(at) != nil else {
                    throw Problem(.badRequest, code: "bad-input", "'at' must be an ISO-8601 UTC instant like 2026-01-05T14:00:00Z", exit: .badInput)
                }
                let version = try registry.activeVersion(model: model, at: at)
                return Reply.json(.object(["model_id": .string(model), "at": .string(at), "active": version.map(JSON.string) ?? .null]))
            }
            return Reply.json(.array(try registry.ledger().filter { $0.modelID == model }.map(\.json)))
        }
        router.post("/registry/promote") { request, _ in
            var (body, _) = try await BodyReader.read(request, limit: state.configuration.maxBodyBytes)
            let id = try versionID(try body.requiredString("id"))
            let slotName = try body.requiredString("to")
            guard let slot = RegistrySlot(rawValue: slotName) else {
                throw Problem(.badRequest, code: "bad-input", "'to' must be active or shadow, got '\(slotName.prefix(20))'", exit: .badInput)
            }
            let force = try body.bool("force") ?? false, reason = try body.string("reason") ?? "", actor = try actor(&body)
            try body.finish()
            let (from, to) = try registry.promote(id: id, to: slot, workspace: state.workspace, force: force, reason: reason, actor: actor)
            return Reply.json(.object(["id": .string(id), "slot": .string(slot.rawValue), "from": from.map(JSON.string) ?? .null,
                                       "to": .string(to), "forced": .bool(force)]))
        }
        router.post("/registry/rollback") { request, _ in
            var (body, _) = try await BodyReader.read(request, limit: state.configuration.maxBodyBytes)
            let model = try body.modelID(), reason = try body.string("reason") ?? "", actor = try actor(&body)
            try body.finish()
            let (from, to) = try registry.rollback(model: model, reason: reason, actor: actor)
            return Reply.json(.object(["model_id": .string(model), "from": from.map(JSON.string) ?? .null, "to": to.map(JSON.string) ?? .null]))
        }
        router.post("/registry/rollout") { request, _ in
            var (body, _) = try await BodyReader.read(request, limit: state.configuration.maxBodyBytes)
            let model = try body.modelID(), modeName = try body.requiredString("mode")
            guard let mode = RolloutConfig.Mode(rawValue: modeName) else {
                throw Problem(.badRequest, code: "bad-input", "'mode' must be disabled, canary or full", exit: .badInput)
            }
            let fraction = try body.double("fraction", in: 0...1), seed = try body.int("seed", in: 0...Int(Int32.max))
            let reason = try body.string("reason") ?? "", actor = try actor(&body)
            try body.finish()
            var config = try registry.rollout(model: model)
            config.mode = mode
            if let fraction { config.canaryFraction = fraction }
            if let seed { config.rngSeed = UInt64(seed) }
            try registry.setRollout(model: model, config, reason: reason, actor: actor)
            return Reply.json(.object(["model_id": .string(model), "rollout": config.json]))
        }
    }

    /// `model@version`, each part passing the id rule.
    static func versionID(_ id: String) throws -> String {
        let parts = id.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, ModelID.isValid(parts[0]), ModelID.isValid(parts[1]) else {
            throw Problem(.badRequest, code: "bad-input", "version id '\(id.prefix(40))' is invalid: use <model>@<version>, e.g. spy_opt_0dte_hourly@v1", exit: .badInput)
        }
        return id
    }

    /// Who acts, for the ledger: `actor` in the body, else "api".
    private static func actor(_ body: inout BodyReader) throws -> String {
        let actor = try body.string("actor") ?? "api"
        try ModelID.check(actor, what: "actor")
        return actor
    }
}
