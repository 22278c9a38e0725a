/// One symbol's bars and its event detector's columns, row for row: what the strategy engine
/// reads. `flag` is 1 at the bar an event becomes known (`<event>_flag`), `state` its regime
/// bucket 0…3 (`<event>_state`). Timestamps (ns, UTC, bar start) increase.
public struct StrategyBars: Sendable {
    public let symbol: String
    public let ts: [Int64]
    public let open, high, low, close, volume: [Double]
    public let flag, state: [Double]

    public init(symbol: String, ts: [Int64], open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double],
                flag: [Double], state: [Double]) throws(WorkspaceError) {
        let n = ts.count
        guard [open, high, low, close, volume, flag, state].allSatisfy({ $0.count == n }) else {
            throw WorkspaceError("\(symbol): bars and event columns have different lengths")
        }
        for i in 1..<max(n, 1) where ts[i] <= ts[i - 1] {
            throw WorkspaceError("\(symbol): bar timestamps do not increase at row \(i)")
        }
        for i in 0..<n where !(open[i] > 0 && high[i] > 0 && low[i] > 0 && close[i] > 0 && high[i] >= low[i]) {
            throw WorkspaceError("\(symbol): bar \(i) (\(Timestamps.iso(ts[i]))) has a non-positive price or high < low")
        }
        self.symbol = symbol
        self.ts = ts
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.flag = flag
        self.state = state
    }

    public var count: Int { ts.count }

    /// The rows whose timestamps fall in `[start, end)` (ns).
    public func slice(from start: Int64, to end: Int64) throws(WorkspaceError) -> StrategyBars {
        let rows = ts.indices.filter { ts[$0] >= start && ts[$0] < end }
        func pick(_ c: [Double]) -> [Double] { rows.map { c[$0] } }
        return try StrategyBars(symbol: symbol, ts: rows.map { ts[$0] }, open: pick(open), high: pick(high), low: pick(low),
                                close: pick(close), volume: pick(volume), flag: pick(flag), state: pick(state))
    }
}
