/// Every occurrence of one event type across the symbols of a series, in time order (ties by
/// symbol order), with what a trade on it would make at each horizon.
///
/// Timing: the event is known at the close of its bar (plus the detector's availability lag);
/// the trade enters at the open of the first bar starting at or after that, and exits at the
/// open `h` bars later. `direction` is the sign of close − previous close on the event bar;
/// `forward[k]` is direction × (exit open / entry open − 1) in bps for `horizons[k]` (the
/// `continue` verb's gross return; `mean_revert` earns its negative), NaN when the data ends
/// before the exit. Events on a bar with no previous close or an unchanged close have no
/// direction and are counted in `undirected` only.
public struct EventOccurrences: Sendable {
    public var eventType: String
    public var horizons: [Int]
    public var symbol: [Int] = []
    public var row: [Int] = []
    public var ts: [Int64] = []
    public var direction: [Double] = []
    /// State code 0–3 on the event bar; -1 when the detector gave NaN.
    public var state: [Int] = []
    /// Round-trip cost in bps.
    public var cost: [Double] = []
    /// forward[k][e]: the directional return of event e at horizons[k], bps.
    public var forward: [[Double]]
    public var undirected = 0
    /// The market's bar length (0 when the adapter declares none).
    public var barNanoseconds: Int64 = 0

    public var count: Int { ts.count }

    /// The Newey–West lag for `horizon`-bar returns of the events at `members` (ascending):
    /// h − 1 bars counted in events — the most later events that start less than h bars after
    /// any one event (any symbol), at most h − 1. Overlapping returns are autocorrelated only
    /// that far; h − 1 lags over sparse events would span unrelated events and, with few
    /// events, shrink the long-run variance of a demeaned series towards zero.
    public func neweyWestLag(horizon: Int, members: [Int]) -> Int {
        guard barNanoseconds > 0 else { return horizon - 1 }
        let span = Int64(horizon) * barNanoseconds
        var most = 0, j = 0
        for i in members.indices {
            j = max(j, i + 1)
            while j < members.count, ts[members[j]] - ts[members[i]] < span { j += 1 }
            most = max(most, j - i - 1)
        }
        return min(horizon - 1, most)
    }

    public init(_ series: EventSeries, eventType: String, horizons: [Int], costs: TradingCosts) {
        self.eventType = eventType
        self.horizons = horizons
        forward = horizons.map { _ in [] }
        let detector = series.detectors.first { $0.eventType == eventType }
        let bar = max(series.market.barNanoseconds, 0)
        barNanoseconds = bar
        let known = bar + (detector?.lagNanoseconds ?? 0)
        let found = series.symbols.map { data in
            data.events[eventType].map { SymbolEvents(data, $0, known: known, horizons: horizons, costs: costs) } ?? SymbolEvents()
        }
        undirected = found.reduce(0) { $0 + $1.undirected }
        // Merged in time order, ties by symbol order: each symbol's events already run in time order.
        var cursor = Array(repeating: 0, count: found.count)
        while true {
            var pick = -1
            for s in found.indices where cursor[s] < found[s].row.count {
                if pick < 0 || found[s].ts[cursor[s]] < found[pick].ts[cursor[pick]] { pick = s }
            }
            guard pick >= 0 else { break }
            let j = cursor[pick]
            cursor[pick] += 1
            symbol.append(pick); row.append(found[pick].row[j]); ts.append(found[pick].ts[j])
            direction.append(found[pick].direction[j]); state.append(found[pick].state[j]); cost.append(found[pick].cost[j])
            for k in horizons.indices { forward[k].append(found[pick].forward[j * horizons.count + k]) }
        }
    }

    /// One symbol's events in row order; `forward` holds each event's horizons in turn.
    private struct SymbolEvents {
        var row: [Int] = [], ts: [Int64] = [], direction: [Double] = [], state: [Int] = [], cost: [Double] = [], forward: [Double] = []
        var undirected = 0

        init() {}

        init(_ data: EventSeries.SymbolSeries, _ columns: EventSeries.EventColumns, known: Int64, horizons: [Int], costs: TradingCosts) {
            let n = data.ts.count
            var entry = 0
            columns.flag.withUnsafeBufferPointer { flag in
                for i in flag.indices where flag[i] == 1 {
                    guard i > 0, data.close[i] != data.close[i - 1], data.close[i].isFinite, data.close[i - 1].isFinite else {
                        undirected += 1
                        continue
                    }
                    let direction: Double = data.close[i] > data.close[i - 1] ? 1 : -1
                    entry = max(entry, i + 1)
                    while entry < n, data.ts[entry] < data.ts[i] + known { entry += 1 }
                    for h in horizons {
                        let exit = entry + h
                        forward.append(exit < n && data.open[entry] > 0 ? direction * (data.open[exit] / data.open[entry] - 1) * 10_000 : .nan)
                    }
                    let code = columns.state[i]
                    row.append(i)
                    ts.append(data.ts[i])
                    self.direction.append(direction)
                    state.append(code.isFinite && code >= 0 && code <= 3 && code.rounded() == code ? Int(code) : -1)
                    cost.append(costs.roundTripBps(at: i, high: data.high, low: data.low, close: data.close, volume: data.volume))
                }
            }
        }
    }
}
