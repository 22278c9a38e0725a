/// The account and books of one `StrategyEngine.run`: what steps 1–4 of a bar change (see
/// `StrategyEngine`). A bar with no position, no pending signal and no event costs a few
/// comparisons; fills, trades and drops happen only at entries, exits and signals.
///
/// Bars are read in place (`symbols[s].open[i]`): a copy of `symbols[s]` would retain and
/// release its nine fields at every call.
struct StrategyReplay {
    let engine: StrategyEngine
    let symbols: [StrategyBars]
    private(set) var trades: [StrategyTrade] = []
    private(set) var drops: [StrategyDrop] = []
    /// Starting balance + closed trades' P&L − entry fees of open positions.
    private(set) var cash: Double
    private(set) var openPositions = 0
    private var positions: [Position?]
    /// Bar of a signal waiting for the next open, and its side.
    private var pending: [(index: Int, side: Int)?]
    /// Realised P&L of the UTC day of the latest exit. Exits come in time order, so the day an
    /// entry asks about is this one or has no exits yet.
    private var realisedDay = Int64.min, realisedToday = 0.0
    private var streak = 0
    private var haltUntil = Int64.min

    private struct Position {
        let side: Int
        let signalIndex, entryIndex: Int
        let entryPrice, qty, entryFee, stopPrice: Double
        /// Slippage of the entry fill, a fraction.
        let entrySlip: Double
    }

    init(engine: StrategyEngine, symbols: [StrategyBars]) {
        self.engine = engine
        self.symbols = symbols
        cash = engine.rules.startingBalanceUSD
        positions = Array(repeating: nil, count: symbols.count)
        pending = Array(repeating: nil, count: symbols.count)
    }

    /// Steps 1–4 at row `i` of symbol `s`.
    mutating func step(_ s: Int, _ i: Int) {
        if positions[s] != nil || pending[s] != nil { trade(s, i) }
        guard symbols[s].flag[i] == 1, let side = signalSide(s, i) else { return }
        if positions[s] != nil {
            drops.append(StrategyDrop(symbol: symbols[s].symbol, reason: .positionOpen, signalIndex: i, entryIndex: nil))
        } else if i == symbols[s].count - 1 {
            drops.append(StrategyDrop(symbol: symbols[s].symbol, reason: .endOfData, signalIndex: i, entryIndex: nil))
        } else {
            pending[s] = (i, side)
        }
    }

    /// The side row `i`'s event asks for, or nil when it is not a tradeable event.
    func signalSide(_ s: Int, _ i: Int) -> Int? {
        guard i >= 1, symbols[s].flag[i] == 1 else { return nil }
        if let wanted = engine.blueprint.state, symbols[s].state[i] != Double(wanted) { return nil }
        let move = symbols[s].close[i] - symbols[s].close[i - 1]
        guard move != 0 else { return nil }
        let direction = move > 0 ? 1 : -1
        return engine.blueprint.verb == .continue ? direction : -direction
    }

    /// Steps 1–3: the horizon exit, the pending entry, the stop.
    private mutating func trade(_ s: Int, _ i: Int) {
        if let p = positions[s], i == p.entryIndex + engine.blueprint.horizonBars {
            close(s, at: i, price: symbols[s].open[i], slipRow: i - 1, reason: .horizon)
        }
        if let signal = pending[s] {
            pending[s] = nil
            enter(s, at: i, signal: signal)
        }
        if let p = positions[s] {
            let open = symbols[s].open[i]
            let long = p.side > 0
            if i > p.entryIndex, long ? open <= p.stopPrice : open >= p.stopPrice {
                close(s, at: i, price: open, slipRow: i - 1, reason: .stopGap)
            } else if long ? symbols[s].low[i] <= p.stopPrice : symbols[s].high[i] >= p.stopPrice {
                close(s, at: i, price: p.stopPrice, slipRow: i - 1, reason: .stop)
            }
        }
    }

    /// Cash plus the open positions' gains at `close(s)`, the symbols in order.
    func marked(_ close: (Int) -> Double) -> Double {
        var value = cash
        for s in positions.indices {
            guard let p = positions[s] else { continue }
            value += Double(p.side) * p.qty * (close(s) - p.entryPrice)
        }
        return value
    }

    /// A position still open after its last bar closes at that bar's close.
    mutating func closeAtEndOfData() {
        for s in symbols.indices where positions[s] != nil {
            let last = symbols[s].count - 1
            close(s, at: last, price: symbols[s].close[last], slipRow: last, reason: .endOfData)
        }
    }

    private func slip(_ s: Int, _ row: Int) -> Double {
        engine.rules.slippageBps(high: symbols[s].high[row], low: symbols[s].low[row], close: symbols[s].close[row],
                                 volume: symbols[s].volume[row]) / 10_000
    }

    private mutating func close(_ s: Int, at row: Int, price raw: Double, slipRow: Int, reason: StrategyTrade.ExitReason) {
        guard let p = positions[s] else { return }
        let rules = engine.rules
        let exitSlip = slip(s, slipRow)
        let price = raw * (1 - Double(p.side) * exitSlip)
        let exitFee = p.qty * price * rules.takerFeeBps / 10_000
        let pnl = Double(p.side) * p.qty * (price - p.entryPrice) - p.entryFee - exitFee
        cash += Double(p.side) * p.qty * (price - p.entryPrice) - exitFee
        let ts = symbols[s].ts[row]
        let day = StrategyEngine.day(ts)
        if day != realisedDay { (realisedDay, realisedToday) = (day, 0) }
        realisedToday += pnl
        if pnl < 0 {
            streak += 1
            if streak >= rules.lossStreakMax {
                haltUntil = ts + Int64((rules.sessionCooldownMinutes * 60).rounded()) * 1_000_000_000
                streak = 0
            }
        } else {
            streak = 0
        }
        trades.append(StrategyTrade(symbol: symbols[s].symbol, side: p.side, signalIndex: p.signalIndex, entryIndex: p.entryIndex,
                                    exitIndex: row, entryTs: symbols[s].ts[p.entryIndex], exitTs: ts, entryPrice: p.entryPrice,
                                    exitPrice: price, qty: p.qty, fees: p.entryFee + exitFee, pnl: pnl, exitReason: reason,
                                    slippageBps: (p.entrySlip + exitSlip) * 10_000))
        positions[s] = nil
        openPositions -= 1
    }

    private mutating func enter(_ s: Int, at row: Int, signal: (index: Int, side: Int)) {
        let rules = engine.rules
        let ts = symbols[s].ts[row]
        var margin = 0.0
        for case let p? in positions { margin += p.qty * p.entryPrice / rules.leverage }
        let free = cash - margin
        let entrySlip = slip(s, row - 1)
        let price = symbols[s].open[row] * (1 + Double(signal.side) * entrySlip)
        let stopDistance = engine.blueprint.stopBps / 10_000
        let reason: StrategyDrop.Reason? =
            if StrategyEngine.day(ts) == realisedDay && realisedToday <= -rules.dailyLossCapUSD {
                .dailyCap
            } else if ts < haltUntil {
                .streakHalt
            } else if free < rules.minFreeBalanceUSD {
                .minFreeBalance
            } else if rules.liquidationDistance < rules.slBufferMultiplier * stopDistance {
                signal.side > 0 ? .nearLiquidationLong : .nearLiquidationShort
            } else {
                nil
            }
        let budget = min(rules.notionalCapUSD, max(free, 0) * rules.leverage)
        let qty = ((budget / price) / rules.lotStep).rounded(.down) * rules.lotStep
        if let reason = reason ?? (qty < rules.minQty || qty <= 0 ? StrategyDrop.Reason.minQty : nil) {
            drops.append(StrategyDrop(symbol: symbols[s].symbol, reason: reason, signalIndex: signal.index, entryIndex: row))
            return
        }
        let fee = qty * price * rules.takerFeeBps / 10_000
        cash -= fee
        positions[s] = Position(side: signal.side, signalIndex: signal.index, entryIndex: row, entryPrice: price, qty: qty,
                                entryFee: fee, stopPrice: price * (1 - Double(signal.side) * stopDistance), entrySlip: entrySlip)
        openPositions += 1
    }
}
