import Foundation
import PackKit

/// A stored model resolved against the packs, with its pack's defaults: what train, backtest
/// and alerts start from, whichever front end (command line, server) asks.
public struct ModelContext: Sendable {
    public let workspace: Workspace
    public let plan: ModelPlan
    public let defaults: PackDefaults

    public init(workspace: Workspace, plan: ModelPlan, defaults: PackDefaults) {
        self.workspace = workspace
        self.plan = plan
        self.defaults = defaults
    }

    /// Loads `models/<model>.json` and resolves it against `catalogue`.
    public init(workspace: Workspace, catalogue: PackCatalogue, model: String) throws {
        self.workspace = workspace
        let config = try ModelStore(workspace: workspace).load(model)
        plan = try ModelPlan(config: config, catalogue: catalogue, workspace: workspace)
        defaults = try PackDefaults(pack: plan.pack)
    }

    public var modelID: String { plan.config.modelID }

    /// `given` hours, else the pack's default hours (empty = every hour).
    public func hours(_ given: [Int]?) -> [Int] { given ?? defaults.allowedHours }
}
