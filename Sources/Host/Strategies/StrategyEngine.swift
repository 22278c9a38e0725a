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

    public func run(_ symbols: [StrategyBars]) -> StrategyRun {
        var replay = StrategyReplay(engine: self, symbols: symbols)
        // Symbols are merged by time as they go (each one's rows increase): at every timestamp
        // the symbols with a bar there step in symbol order, then the account is marked.
        var next = Array(repeating: 0, count: symbols.count)
        var equity: [EquityPoint] = []
        equity.reserveCapacity(symbols.map(\.count).max() ?? 0)
        var barsExposed = 0
        while true {
            var ts = Int64.max
            for s in symbols.indices where next[s] < symbols[s].count { ts = min(ts, symbols[s].ts[next[s]]) }
            guard ts != .max else { break }
            for s in symbols.indices where next[s] < symbols[s].count && symbols[s].ts[next[s]] == ts {
                replay.step(s, next[s])
                next[s] += 1
            }
            // Marked at the close of this timestamp's bars: each symbol's last bar so far.
            if replay.openPositions > 0 {
                equity.append(EquityPoint(ts: ts, equity: replay.marked { s in symbols[s].close[next[s] - 1] }))
                barsExposed += 1
            } else {
                equity.append(EquityPoint(ts: ts, equity: replay.cash))
            }
        }
        replay.closeAtEndOfData()
        if !equity.isEmpty { equity[equity.count - 1] = EquityPoint(ts: equity[equity.count - 1].ts, equity: replay.cash) }
        return StrategyRun(blueprint: blueprint, rules: rules, trades: replay.trades, drops: replay.drops, equity: equity,
                           exposure: equity.isEmpty ? .nan : Double(barsExposed) / Double(equity.count))
    }

    static func day(_ ts: Int64) -> Int64 { ts >= 0 ? ts / 86_400_000_000_000 : (ts + 1) / 86_400_000_000_000 - 1 }
}

/// The account's value at the close of a timestamp's bars.
public struct EquityPoint: Sendable, Equatable {
    public let ts: Int64
    public let equity: Double
}
