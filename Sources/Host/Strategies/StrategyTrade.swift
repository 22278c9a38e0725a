import PackKit

/// One round trip of the strategy backtester. Indexes are rows of the symbol's `StrategyBars`.
public struct StrategyTrade: Sendable, Equatable {
    public enum ExitReason: String, Sendable { case horizon, stop, stopGap = "stop_gap", endOfData = "end_of_data" }

    public let symbol: String
    /// +1 long, −1 short.
    public let side: Int
    public let signalIndex, entryIndex, exitIndex: Int
    public let entryTs, exitTs: Int64
    /// Fill prices, slippage included.
    public let entryPrice, exitPrice: Double
    public let qty: Double
    /// Taker fees of both fills, USD.
    public let fees: Double
    /// Net of fees and slippage, USD.
    public let pnl: Double
    public let exitReason: ExitReason
    /// Slippage the model charged on the two fills, basis points summed.
    public var slippageBps: Double = 0

    /// Net P&L over the entry notional.
    public var returnOnNotional: Double { pnl / (qty * entryPrice) }
    public var notional: Double { qty * (entryPrice + exitPrice) }

    var json: JSON {
        .object([
            "symbol": .string(symbol), "side": .string(side > 0 ? "long" : "short"), "signal_index": .number(Double(signalIndex)),
            "entry_index": .number(Double(entryIndex)), "exit_index": .number(Double(exitIndex)),
            "entry_ts": .string(Timestamps.iso(entryTs)), "exit_ts": .string(Timestamps.iso(exitTs)),
            "entry_price": .number(entryPrice), "exit_price": .number(exitPrice), "qty": .number(qty), "fees": .number(fees),
            "pnl": .number(pnl), "return": .number(returnOnNotional), "exit_reason": .string(exitReason.rawValue), "slippage_bps": .number(slippageBps),
        ])
    }
}

/// A signal the backtester did not trade, and why.
public struct StrategyDrop: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable {
        case minQty = "min_qty", dailyCap = "daily_cap", streakHalt = "streak_halt"
        case nearLiquidationLong = "near_liquidation_long", nearLiquidationShort = "near_liquidation_short"
        case minFreeBalance = "min_free_balance"
        /// Not risk controls: the symbol already held a position, or no bar followed the signal.
        case positionOpen = "position_open", endOfData = "end_of_data"
    }

    public let symbol: String
    public let reason: Reason
    public let signalIndex: Int
    /// The bar the entry would have filled at (nil for `position_open` / `end_of_data`).
    public let entryIndex: Int?
}
