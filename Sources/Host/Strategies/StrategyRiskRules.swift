import PackKit

/// The risk profile's budgets the strategy backtester applies, with their defaults.
///
/// Slippage (basis points, adverse, on every fill) comes from the last completed bar before
/// the fill, so it never looks ahead: `slippage_base_bps + slippage_bps_per_range_pct ×
/// range_pct × v`, with `range_pct = 100 × (high − low) / close` of that bar and `v = 2` when
/// its volume is below `slippage_low_volume` (a thin bar), else 1.
///
/// Liquidation distance (a fraction of the entry price, either side) is estimated as
/// `1 / leverage − maintenance_margin_rate`: isolated margin of 1/leverage, lost down to the
/// maintenance rate. An entry is dropped when that is below `sl_buffer_multiplier × stop_bps / 10⁴`.
public struct StrategyRiskRules: Sendable, Equatable {
    public var takerFeeBps = 4.0
    public var slippageBaseBps = 0.0
    public var slippageBpsPerRangePct = 0.0
    public var slippageLowVolume = 0.0
    public var notionalCapUSD = 10_000.0
    public var leverage = 1.0
    public var lotStep = 0.001
    public var minQty = 0.001
    public var dailyLossCapUSD = Double.infinity
    public var lossStreakMax = Int.max
    public var sessionCooldownMinutes = 0.0
    public var slBufferMultiplier = 0.0
    public var maintenanceMarginRate = 0.0
    public var minFreeBalanceUSD = 0.0
    public var startingBalanceUSD = 10_000.0

    public init() {}

    static let keys = ["taker_fee_bps", "slippage_base_bps", "slippage_bps_per_range_pct", "slippage_low_volume", "notional_cap_usd",
                       "leverage", "lot_step", "min_qty", "daily_loss_cap_usd", "loss_streak_max", "session_cooldown_minutes",
                       "sl_buffer_multiplier", "maintenance_margin_rate", "min_free_balance_usd", "starting_balance_usd"]

    /// The budgets of a risk profile (JSON object); keys it does not have keep their defaults,
    /// keys the backtester does not use are ignored (a profile serves other stages too).
    public init(budgets: JSON, source: String) throws(WorkspaceError) {
        func value(_ key: String, _ current: Double, positive: Bool = false) throws(WorkspaceError) -> Double {
            guard let raw = budgets[key], raw != .null else { return current }
            guard let x = raw.doubleValue, x.isFinite, positive ? x > 0 : x >= 0 else {
                throw WorkspaceError("\(source): budget '\(key)' must be a \(positive ? "positive" : "non-negative") number (got \(raw.text))")
            }
            return x
        }
        takerFeeBps = try value("taker_fee_bps", takerFeeBps)
        slippageBaseBps = try value("slippage_base_bps", slippageBaseBps)
        slippageBpsPerRangePct = try value("slippage_bps_per_range_pct", slippageBpsPerRangePct)
        slippageLowVolume = try value("slippage_low_volume", slippageLowVolume)
        notionalCapUSD = try value("notional_cap_usd", notionalCapUSD, positive: true)
        leverage = try value("leverage", leverage, positive: true)
        lotStep = try value("lot_step", lotStep, positive: true)
        minQty = try value("min_qty", minQty)
        dailyLossCapUSD = try value("daily_loss_cap_usd", dailyLossCapUSD, positive: true)
        let streak = try value("loss_streak_max", 0)
        // Range-checked before Int(_:), which traps on values an Int cannot hold.
        guard streak <= 1_000_000 else { throw WorkspaceError("\(source): budget 'loss_streak_max' must be at most 1000000") }
        lossStreakMax = streak >= 1 ? Int(streak) : Int.max
        sessionCooldownMinutes = try value("session_cooldown_minutes", sessionCooldownMinutes)
        // Bounded so the engine's conversion to nanoseconds cannot overflow (10⁷ minutes ≈ 19 years).
        guard sessionCooldownMinutes <= 10_000_000 else { throw WorkspaceError("\(source): budget 'session_cooldown_minutes' must be at most 10000000") }
        slBufferMultiplier = try value("sl_buffer_multiplier", slBufferMultiplier)
        maintenanceMarginRate = try value("maintenance_margin_rate", maintenanceMarginRate)
        minFreeBalanceUSD = try value("min_free_balance_usd", minFreeBalanceUSD)
        startingBalanceUSD = try value("starting_balance_usd", startingBalanceUSD, positive: true)
    }

    /// Adverse slippage in basis points for a fill after a bar with this range and volume.
    func slippageBps(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let rangePct = 100 * (high - low) / close
        let thin = volume < slippageLowVolume ? 2.0 : 1.0
        return slippageBaseBps + slippageBpsPerRangePct * rangePct * thin
    }

    /// Estimated distance to liquidation as a fraction of the entry price.
    var liquidationDistance: Double { 1 / leverage - maintenanceMarginRate }

    var json: JSON {
        .object([
            "taker_fee_bps": .number(takerFeeBps), "slippage_base_bps": .number(slippageBaseBps),
            "slippage_bps_per_range_pct": .number(slippageBpsPerRangePct), "slippage_low_volume": .number(slippageLowVolume),
            "notional_cap_usd": .number(notionalCapUSD), "leverage": .number(leverage), "lot_step": .number(lotStep),
            "min_qty": .number(minQty), "daily_loss_cap_usd": .finite(dailyLossCapUSD),
            "loss_streak_max": lossStreakMax == Int.max ? .null : .number(Double(lossStreakMax)),
            "session_cooldown_minutes": .number(sessionCooldownMinutes), "sl_buffer_multiplier": .number(slBufferMultiplier),
            "maintenance_margin_rate": .number(maintenanceMarginRate), "min_free_balance_usd": .number(minFreeBalanceUSD),
            "starting_balance_usd": .number(startingBalanceUSD),
        ])
    }
}
