import Foundation
import PackKit

/// `register_on_run` (a pack's defaults.yaml): `edgehost run` registers the model it trained and
/// promotes it to active, so a live monitor finds an active model. Promotion keeps the
/// registry's checks (schema, backtest gate): a refusal is reported, never forced.
public struct RunRegistration: Sendable {
    /// The registry entry (`model@v1`): new, or the one already holding this model_sha.
    public let entry: RegistryEntry
    public let newlyRegistered: Bool
    /// Whether the entry is the active version after the run.
    public let active: Bool
    /// Why promotion was refused, when it was.
    public let refusal: String?
    public let registryFolder: String

    public var summary: String {
        "\(entry.id) \(newlyRegistered ? "registered" : "already registered") in \(registryFolder); "
            + (active ? "active" : "not promoted: \(refusal ?? "")")
    }

    static func register(context: ModelContext, risk: RiskBudget, trained: StageResult, registry: Registry, command: String) throws -> RunRegistration {
        let model = context.modelID
        let sha = trained.report["model_sha"]
        let existing = try registry.entries(model: model).first { $0.lineage["model_sha"] == sha }
        let entry = try existing ?? registry.register(model: model, workspace: context.workspace, riskProfile: risk.id,
                                                      notes: "edgehost \(command) (register_on_run)", actor: "edgehost run")
        if try registry.slot(.active, model: model)?.version == entry.version {
            return RunRegistration(entry: entry, newlyRegistered: existing == nil, active: true, refusal: nil, registryFolder: registry.root)
        }
        do {
            try registry.promote(id: entry.id, to: .active, workspace: context.workspace, reason: "edgehost \(command) (register_on_run)", actor: "edgehost run")
            return RunRegistration(entry: entry, newlyRegistered: existing == nil, active: true, refusal: nil, registryFolder: registry.root)
        } catch let error as EdgehostError where error.code == "promotion-refused" {
            return RunRegistration(entry: entry, newlyRegistered: existing == nil, active: false, refusal: error.message, registryFolder: registry.root)
        }
    }
}
