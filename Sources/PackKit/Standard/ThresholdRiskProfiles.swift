/// Risk profiles of the host's classifier pipeline (`train`, `backtest`, `alerts`): a probability
/// floor, trades per day, a drawdown stop and a position size, each a parameter the user may
/// override. zeroedge and es0dte ship the same three (`thresholdRiskProfiles`).
public struct RiskBudgets: Sendable {
    /// Lowest model probability that may trigger a trade.
    public var thresholdFloor: Double
    public var maxTradesPerDay: Int
    /// Drawdown (a positive fraction of equity) at which alerts stop.
    public var maxDrawdown: Double
    /// Fraction of equity put at risk per trade.
    public var positionSize: Double

    public init(thresholdFloor: Double, maxTradesPerDay: Int, maxDrawdown: Double, positionSize: Double) {
        self.thresholdFloor = thresholdFloor
        self.maxTradesPerDay = maxTradesPerDay
        self.maxDrawdown = maxDrawdown
        self.positionSize = positionSize
    }
}

/// conservative, balanced and aggressive.
public let thresholdRiskProfiles: [RiskProfile] = [
    thresholdRiskProfile("conservative", "Conservative: one trade a day at model confidence >= 0.65, 1% of equity each, stop at 10% drawdown",
                         RiskBudgets(thresholdFloor: 0.65, maxTradesPerDay: 1, maxDrawdown: 0.10, positionSize: 0.01)),
    thresholdRiskProfile("balanced", "Balanced: up to two trades a day at confidence >= 0.60, 2% of equity each, stop at 20% drawdown",
                         RiskBudgets(thresholdFloor: 0.60, maxTradesPerDay: 2, maxDrawdown: 0.20, positionSize: 0.02)),
    thresholdRiskProfile("aggressive", "Aggressive: up to four trades a day at confidence >= 0.55, 4% of equity each, stop at 30% drawdown",
                         RiskBudgets(thresholdFloor: 0.55, maxTradesPerDay: 4, maxDrawdown: 0.30, positionSize: 0.04)),
]

/// A risk profile whose budgets are its parameters, defaulting to `defaults`.
public func thresholdRiskProfile(_ id: String, _ description: String, _ defaults: RiskBudgets) -> RiskProfile {
    RiskProfile(ComponentInfo(
        id: id, version: "1.0.0", description: description,
        params: [
            .float("threshold_floor", default: defaults.thresholdFloor, min: 0.5, max: 1, "lowest model probability that alerts"),
            .int("max_trades_per_day", default: defaults.maxTradesPerDay, min: 0, max: 390, "alerts per session at most"),
            .float("max_drawdown", default: defaults.maxDrawdown, min: 0, max: 1, "drawdown (fraction of equity) that stops alerts"),
            .float("position_size", default: defaults.positionSize, min: 0, max: 1, "fraction of equity per trade"),
        ],
        outputs: []
    )) { params in
        ["threshold_floor": try params.double("threshold_floor"),
         "max_trades_per_day": Double(try params.int("max_trades_per_day")),
         "max_drawdown": try params.double("max_drawdown"),
         "position_size": try params.double("position_size")]
    }
}
