import Foundation
import MarketKit
import PackKit

extension ModelPlan {
    /// The market the plan's adapter declares (creating an instance to ask it).
    public func market() throws -> Market {
        try PackDataAdapter(pack: try catalogue.pack(adapter.pack), id: adapter.id, params: adapter.params).market()
    }
}

extension Timestamps {
    /// `parseDate` for a model: `today` is the current trading day of the plan's market (the
    /// adapter is asked only then, so a plain date never creates an instance).
    public static func parseDate(_ text: String, plan: ModelPlan, now: Date = Date(),
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int32 {
        guard text == "today" else { return try parseDate(text, now: now, environment: environment) }
        return try parseDate(text, market: try plan.market(), now: now, environment: environment)
    }
}

extension PackVerifier {
    /// The market golden bars follow: the pack's first data adapter's (created with its
    /// defaults), else NYSE — a pack without adapters, or one whose adapter needs parameters,
    /// is verified on New York sessions.
    static func market(_ pack: LoadedPack) -> Market {
        guard let first = pack.components[.dataAdapter]?.first,
              let adapter = try? PackDataAdapter(pack: pack, id: first.id), let market = try? adapter.market() else { return .nyse }
        return market
    }
}
