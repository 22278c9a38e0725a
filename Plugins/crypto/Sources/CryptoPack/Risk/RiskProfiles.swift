import PackKit

extension Crypto {
    static let riskProfiles: [RiskProfile] = [
        riskProfile("balanced", "Balanced: $10k account, 2x leverage, $5k notional cap, $300 daily loss cap, 4 losses then 4 h cooldown",
                    [("notional_cap_usd", 5_000), ("leverage", 2), ("daily_loss_cap_usd", 300), ("loss_streak_max", 4),
                     ("session_cooldown_minutes", 240)]),
        riskProfile("conservative", "Conservative: $10k account, 1x, $2k notional cap, $100 daily loss cap, 3 losses then 12 h cooldown",
                    [("notional_cap_usd", 2_000), ("leverage", 1), ("daily_loss_cap_usd", 100), ("loss_streak_max", 3),
                     ("session_cooldown_minutes", 720)]),
    ]

    /// Every budget key with its default and meaning (README "Risk profiles"); a profile overrides some.
    static let budgetKeys: [(key: String, value: Double, meaning: String)] = [
        ("taker_fee_bps", 4.0, "taker fee per side, bps of notional"),
        ("slippage_bps_min", 0.5, "slippage floor per fill, bps"),
        ("slippage_bps_per_range_pct", 2.0, "slippage per fill, bps per 1 % of the fill bar's (high - low) / close"),
        ("notional_cap_usd", 5_000, "largest notional per position"),
        ("leverage", 2, "notional per dollar of free balance"),
        ("lot_step", 0.001, "quantity step (base asset)"),
        ("min_qty", 0.001, "smallest order quantity; a signal sized below it is dropped, never inflated"),
        ("daily_loss_cap_usd", 300, "no new entry for the rest of the UTC day once its realised loss reaches this"),
        ("loss_streak_max", 4, "consecutive losing trades that start a cooldown"),
        ("session_cooldown_minutes", 240, "minutes without entries after a losing streak"),
        ("sl_buffer_multiplier", 3.0, "an entry whose liquidation distance is below this x the stop distance is dropped"),
        ("min_free_balance_usd", 1_000, "no entry when the free balance is below this"),
        ("starting_balance_usd", 10_000, "account balance at the start of a backtest"),
    ]
}

/// A risk profile whose budgets are its parameters: every key of `Crypto.budgetKeys`, with `overrides`.
func riskProfile(_ id: String, _ description: String, _ overrides: [(String, Double)]) -> RiskProfile {
    let values = Dictionary(uniqueKeysWithValues: Crypto.budgetKeys.map { ($0.key, $0.value) }).merging(overrides) { $1 }
    return RiskProfile(ComponentInfo(
        id: id, version: "1.0.0", description: description,
        params: Crypto.budgetKeys.map { .float($0.key, default: values[$0.key]!, min: 0, $0.meaning) },
        outputs: []
    )) { params in
        var budgets: [String: Double] = [:]
        for key in Crypto.budgetKeys.map(\.key) { budgets[key] = try params.double(key) }
        return budgets
    }
}
