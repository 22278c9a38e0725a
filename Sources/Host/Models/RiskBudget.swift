import PackKit

/// A pack's risk profile with its budgets resolved: which threshold may trade, how many trades a
/// day, the drawdown that stops trading and the stake per trade. Its digest is `risk_sha`.
public struct RiskBudget: Sendable {
    public let pack: String
    public let id: String
    public let budgets: JSON

    /// `name` is matched without regard to case (`Balanced` is `balanced`); nil = the pack's default.
    public init(_ name: String?, pack: LoadedPack, defaults: PackDefaults, params: [String: JSON] = [:]) throws {
        let ids = (pack.components[.riskProfile] ?? []).map(\.id)
        guard let chosen = name?.lowercased() ?? defaults.defaultRiskProfile ?? ids.first else {
            throw WorkspaceError("pack '\(pack.id)' has no risk profiles; one is needed to size trades")
        }
        guard ids.contains(chosen) else {
            throw WorkspaceError("pack '\(pack.id)' has no risk profile '\(name ?? chosen)' (it has: \(ids.joined(separator: ", ")))")
        }
        self.pack = pack.id
        id = chosen
        budgets = try PackRiskProfile(pack: pack, id: chosen, params: params).budgets()
    }

    /// Every profile the pack lists in its defaults (else every one it has), in that order.
    public static func all(pack: LoadedPack, defaults: PackDefaults, params: [String: JSON] = [:]) throws -> [RiskBudget] {
        let names = defaults.riskProfiles.isEmpty ? (pack.components[.riskProfile] ?? []).map(\.id) : defaults.riskProfiles
        return try names.map { try RiskBudget($0, pack: pack, defaults: defaults, params: params) }
    }

    public var json: JSON { .object(["pack": .string(pack), "id": .string(id), "budgets": budgets]) }
    public var sha: String { Hashing.sha256(json.text) }

    /// A budget by name, when the profile has it as a number.
    public func number(_ key: String) -> Double? { budgets[key]?.doubleValue }
    public var thresholdFloor: Double { number("threshold_floor") ?? 0 }
    /// nil when absent or not a count an Int holds (Int(_:) would trap on NaN or 1e300).
    public var maxTradesPerDay: Int? { number("max_trades_per_day").flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil } }
    public var maxDrawdown: Double? { number("max_drawdown") }
    /// Fraction of equity staked per trade (1 when the profile does not say).
    public var positionSize: Double { number("position_size") ?? 1 }
}
