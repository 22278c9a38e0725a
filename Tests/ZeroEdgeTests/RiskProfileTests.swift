import PackKit
import Testing
@testable import ZeroEdge

@Suite struct RiskProfileTests {
    private func budgets(_ id: String, _ overrides: [String: JSON] = [:]) throws -> [String: Double] {
        let profile = ZeroEdge.riskProfiles.first { $0.info.id == id }!
        return try profile.budgets(MarketFrames.params(profile.info, overrides))
    }

    @Test func profilesHaveTheirDefaultBudgets() throws {
        #expect(ZeroEdge.riskProfiles.map(\.info.id) == ["conservative", "balanced", "aggressive"])
        for profile in ZeroEdge.riskProfiles {
            #expect(profile.info.description.hasPrefix(profile.info.id.prefix(1).uppercased() + profile.info.id.dropFirst() + ": "))
        }
        #expect(try budgets("conservative") == ["threshold_floor": 0.65, "max_trades_per_day": 1, "max_drawdown": 0.10, "position_size": 0.01])
        #expect(try budgets("balanced") == ["threshold_floor": 0.60, "max_trades_per_day": 2, "max_drawdown": 0.20, "position_size": 0.02])
        #expect(try budgets("aggressive") == ["threshold_floor": 0.55, "max_trades_per_day": 4, "max_drawdown": 0.30, "position_size": 0.04])
    }

    @Test func budgetsAreOverridable() throws {
        let tuned = try budgets("balanced", ["max_trades_per_day": .number(3), "position_size": .number(0.015)])
        #expect(tuned == ["threshold_floor": 0.60, "max_trades_per_day": 3, "max_drawdown": 0.20, "position_size": 0.015])
    }

    @Test func defaultsStayInsideTheirDeclaredRanges() throws {
        for spec in ZeroEdge.riskProfiles.flatMap(\.info.params) {
            let value = try #require(try JSON.parse(spec.defaultJSON ?? "null").doubleValue)
            #expect(value >= spec.min! && value <= spec.max!, "\(spec.name) = \(value)")
        }
    }
}
