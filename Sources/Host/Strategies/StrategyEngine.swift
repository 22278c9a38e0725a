import Foundation

/// The event-driven strategy backtester: bar by bar over one or more symbols sharing one
/// account, one position per symbol, nothing read before it is known.
///
/// At each bar `i` of a symbol, in this order (symbols in the order given when they share a
/// timestamp):
/// 1. a position held `horizon_bars` bars (entered at the open of bar `i − horizon_bars`)
///    exits at the open of bar `i`;
/// 2. a signal from the close of bar `i − 1` passes the risk controls (`StrategyDrop.Reason`,
///    first failing one counted) and fills at the open of bar `i`;
/// 3. the stop of an open position: if the bar's low (long) or high (short) reaches the stop
///    price (entry fill × (1 ∓ stop_bps/10⁴)) it fills at the stop, or at the open when the bar
///    opened through it (`stop_gap`; not on the entry bar, which opened at the entry);
/// 4. an event at bar `i` (`flag` = 1, its state allowed, a non-zero direction
///    sign(close_i − close_{i−1})) becomes a signal for bar `i + 1`: long for `continue` with
///    an up move, and so on.
/// Every fill pays the taker fee and adverse slippage (`StrategyRiskRules`) computed from the
/// last completed bar. A position still open after the last bar closes at its close.
public struct StrategyEngine {
    public let blueprint: StrategyBlueprint
    public let rules: StrategyRiskRules

    public init(blueprint: StrategyBlueprint, rules: StrategyRiskRules) {
        self.blueprint = blueprint
        self.rules = rules
    }

    private struct Position {
        let side: Int
        let signalIndex, entryIndex: Int
        let entryPrice, qty, entryFee, stopPrice: Double
        /// Slippage of the entry fill, a fraction.
        let entrySlip: Double
    }

    private struct Book {
        var position: Position?
        /// Bar of a signal waiting for the next open, and its side.
        var pending: (index: Int, side: Int)?
    }

    public func run(_ symbols: [StrategyBars]) -> StrategyRun {
        var books = Array(repeating: Book(), count: symbols.count)
        var trades: [StrategyTrade] = []
        var drops: [StrategyDrop] = []
        // Cash: starting balance + closed trades' P&L − entry fees of open positions.
        var cash = rules.startingBalanceUSD
        var realisedByDay: [Int64: Double] = [:]
        var streak = 0
        var haltUntil = Int64.min
        var equity: [EquityPoint] = []
        var barsExposed = 0
        let timeline = Self.timeline(symbols)

        func slip(_ bars: StrategyBars, _ row: Int) -> Double {
            rules.slippageBps(high: bars.high[row], low: bars.low[row], close: bars.close[row], volume: bars.volume[row]) / 10_000
        }
        func close(_ s: Int, at row: Int, price raw: Double, slipRow: Int, reason: StrategyTrade.ExitReason) {
            let bars = symbols[s]
            guard let p = books[s].position else { return }
            let exitSlip = slip(bars, slipRow)
            let price = raw * (1 - Double(p.side) * exitSlip)
            let exitFee = p.qty * price * rules.takerFeeBps / 10_000
            let pnl = Double(p.side) * p.qty * (price - p.entryPrice) - p.entryFee - exitFee
            cash += Double(p.side) * p.qty * (price - p.entryPrice) - exitFee
            let ts = bars.ts[row]
            realisedByDay[Self.day(ts), default: 0] += pnl
            if pnl < 0 {
                streak += 1
                if streak >= rules.lossStreakMax {
                    haltUntil = ts + Int64((rules.sessionCooldownMinutes * 60).rounded()) * 1_000_000_000
                    streak = 0
                }
            } else {
                streak = 0
            }
            trades.append(StrategyTrade(symbol: bars.symbol, side: p.side, signalIndex: p.signalIndex, entryIndex: p.entryIndex,
                                        exitIndex: row, entryTs: bars.ts[p.entryIndex], exitTs: ts, entryPrice: p.entryPrice,
                                        exitPrice: price, qty: p.qty, fees: p.entryFee + exitFee, pnl: pnl, exitReason: reason,
                                        slippageBps: (p.entrySlip + exitSlip) * 10_000))
            books[s].position = nil
        }
        func enter(_ s: Int, at row: Int, signal: (index: Int, side: Int)) {
            let bars = symbols[s]
            let drop = { (reason: StrategyDrop.Reason) in
                drops.append(StrategyDrop(symbol: bars.symbol, reason: reason, signalIndex: signal.index, entryIndex: row))
            }
            let ts = bars.ts[row]
            let margin = books.compactMap(\.position).reduce(0) { $0 + $1.qty * $1.entryPrice / rules.leverage }
            let free = cash - margin
            let entrySlip = slip(bars, row - 1)
            let price = bars.open[row] * (1 + Double(signal.side) * entrySlip)
            let stopDistance = blueprint.stopBps / 10_000
            if let loss = realisedByDay[Self.day(ts)], loss <= -rules.dailyLossCapUSD { return drop(.dailyCap) }
            if ts < haltUntil { return drop(.streakHalt) }
            if free < rules.minFreeBalanceUSD { return drop(.minFreeBalance) }
            if rules.liquidationDistance < rules.slBufferMultiplier * stopDistance {
                return drop(signal.side > 0 ? .nearLiquidationLong : .nearLiquidationShort)
            }
            let budget = min(rules.notionalCapUSD, max(free, 0) * rules.leverage)
            let qty = ((budget / price) / rules.lotStep).rounded(.down) * rules.lotStep
            if qty < rules.minQty || qty <= 0 { return drop(.minQty) }
            let fee = qty * price * rules.takerFeeBps / 10_000
            cash -= fee
            books[s].position = Position(side: signal.side, signalIndex: signal.index, entryIndex: row, entryPrice: price, qty: qty,
                                         entryFee: fee, stopPrice: price * (1 - Double(signal.side) * stopDistance), entrySlip: entrySlip)
        }

        var k = 0
        while k < timeline.count {
            let ts = timeline[k].ts
            while k < timeline.count, timeline[k].ts == ts {
                let (s, i) = (timeline[k].symbol, timeline[k].row)
                let bars = symbols[s]
                if let p = books[s].position, i == p.entryIndex + blueprint.horizonBars {
                    close(s, at: i, price: bars.open[i], slipRow: i - 1, reason: .horizon)
                }
                if let signal = books[s].pending {
                    books[s].pending = nil
                    enter(s, at: i, signal: signal)
                }
                if let p = books[s].position {
                    let long = p.side > 0
                    if i > p.entryIndex, long ? bars.open[i] <= p.stopPrice : bars.open[i] >= p.stopPrice {
                        close(s, at: i, price: bars.open[i], slipRow: i - 1, reason: .stopGap)
                    } else if long ? bars.low[i] <= p.stopPrice : bars.high[i] >= p.stopPrice {
                        close(s, at: i, price: p.stopPrice, slipRow: i - 1, reason: .stop)
                    }
                }
                if let side = signalSide(bars, i) {
                    if books[s].position != nil {
                        drops.append(StrategyDrop(symbol: bars.symbol, reason: .positionOpen, signalIndex: i, entryIndex: nil))
                    } else if i == bars.count - 1 {
                        drops.append(StrategyDrop(symbol: bars.symbol, reason: .endOfData, signalIndex: i, entryIndex: nil))
                    } else {
                        books[s].pending = (i, side)
                    }
                }
                k += 1
            }
            // Marked at the close of this timestamp's bars.
            var marked = cash
            for (s, book) in books.enumerated() {
                guard let p = book.position else { continue }
                let row = Self.lastRow(symbols[s].ts, atOrBefore: ts)
                marked += Double(p.side) * p.qty * (symbols[s].close[row] - p.entryPrice)
            }
            if books.contains(where: { $0.position != nil }) { barsExposed += 1 }
            equity.append(EquityPoint(ts: ts, equity: marked))
        }
        for s in symbols.indices where books[s].position != nil {
            let last = symbols[s].count - 1
            close(s, at: last, price: symbols[s].close[last], slipRow: last, reason: .endOfData)
        }
        if !equity.isEmpty { equity[equity.count - 1] = EquityPoint(ts: equity[equity.count - 1].ts, equity: cash) }
        return StrategyRun(blueprint: blueprint, rules: rules, trades: trades, drops: drops, equity: equity,
                           exposure: timeline.isEmpty ? .nan : Double(barsExposed) / Double(equity.count))
    }

    /// The side a bar's event asks for, or nil when it is not a tradeable event.
    func signalSide(_ bars: StrategyBars, _ i: Int) -> Int? {
        guard i >= 1, bars.flag[i] == 1 else { return nil }
        if let wanted = blueprint.state, bars.state[i] != Double(wanted) { return nil }
        let move = bars.close[i] - bars.close[i - 1]
        guard move != 0 else { return nil }
        let direction = move > 0 ? 1 : -1
        return blueprint.verb == .continue ? direction : -direction
    }

    /// Every (timestamp, symbol, row), ordered by time then by symbol.
    static func timeline(_ symbols: [StrategyBars]) -> [(ts: Int64, symbol: Int, row: Int)] {
        var all: [(ts: Int64, symbol: Int, row: Int)] = []
        all.reserveCapacity(symbols.reduce(0) { $0 + $1.count })
        for (s, bars) in symbols.enumerated() { for i in 0..<bars.count { all.append((bars.ts[i], s, i)) } }
        if symbols.count > 1 { all.sort { ($0.ts, $0.symbol) < ($1.ts, $1.symbol) } }
        return all
    }

    static func day(_ ts: Int64) -> Int64 { ts >= 0 ? ts / 86_400_000_000_000 : (ts + 1) / 86_400_000_000_000 - 1 }

    static func lastRow(_ ts: [Int64], atOrBefore t: Int64) -> Int {
        var (lo, hi) = (0, ts.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if ts[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return max(lo - 1, 0)
    }
}

/// The account's value at the close of a timestamp's bars.
public struct EquityPoint: Sendable, Equatable {
    public let ts: Int64
    public let equity: Double
}
