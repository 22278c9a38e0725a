import MarketKit
import PackKit

/// Phase 1: what the events of one type look like before any trading rule — how many per
/// symbol, how far apart, how clustered, and the distribution of the directional forward
/// return (gross, bps, `continue` sign) at each horizon. → `reports/phase1/<run>/<EVENT>/summary.json`.
public enum Phase1 {
    /// Two events of a symbol this close (in bars) count as clustered.
    public static let clusterBars = 12

    public static func summary(_ events: EventOccurrences, series: EventSeries, runID: String) -> JSON {
        var symbols: [JSON] = []
        // Trading days with bars, per symbol: days without events count as zero-event days.
        let days = series.symbols.map { data in Set(data.ts.map { series.market.day($0) }).count }
        for (s, data) in series.symbols.enumerated() {
            symbols.append(group(events, series: series, include: { events.symbol[$0] == s }, bars: data.ts.count, days: days[s],
                                 extra: ["symbol": .string(data.symbol), "data_sha": .string(data.dataSHA)]))
        }
        let total = series.symbols.map(\.ts.count).reduce(0, +)
        var report: [String: JSON] = [
            "run_id": .string(runID), "event_type": .string(events.eventType), "pack": .string(series.pack),
            "window": .object(["start": .string(Timestamps.date(series.start)), "end": .string(Timestamps.date(series.end))]),
            "horizons_bars": .array(events.horizons.map { .number(Double($0)) }),
            "timing": .string("event known at its bar's close; entry at the next bar's open; exit at the open h bars after entry"),
            "symbols": .array(symbols),
            "all": group(events, series: series, include: { _ in true }, bars: total, days: days.reduce(0, +), extra: [:]),
            "undirected_events": .number(Double(events.undirected)),
        ]
        if events.count == 0 {
            report["empty"] = .bool(true)
            report["note"] = .string("no \(events.eventType) events in \(Timestamps.date(series.start))..\(Timestamps.date(series.end)) for \(series.symbols.map(\.symbol).joined(separator: ", "))")
        }
        return .object(report)
    }

    private static func group(_ events: EventOccurrences, series: EventSeries, include: (Int) -> Bool, bars: Int, days: Int, extra: [String: JSON]) -> JSON {
        let members = (0..<events.count).filter(include)
        // Spacing within a symbol, in bars.
        var gaps: [Double] = []
        var lastRow: [Int: Int] = [:]
        var perDay: [Int64: Int] = [:]
        var byState = [Int](repeating: 0, count: EventSeries.stateNames.count + 1)
        for e in members {
            if let previous = lastRow[events.symbol[e]] { gaps.append(Double(events.row[e] - previous)) }
            lastRow[events.symbol[e]] = events.row[e]
            perDay[Int64(events.symbol[e]) << 32 | Int64(series.market.day(events.ts[e])), default: 0] += 1
            byState[events.state[e] >= 0 ? events.state[e] : EventSeries.stateNames.count] += 1
        }
        let daily = perDay.values.sorted().map(Double.init) + Array(repeating: 0, count: max(0, days - perDay.count))
        let dailyMean = daily.isEmpty ? Double.nan : daily.reduce(0, +) / Double(daily.count)
        let dailyVar = daily.count > 1 ? daily.map { ($0 - dailyMean) * ($0 - dailyMean) }.reduce(0, +) / Double(daily.count - 1) : .nan
        let spacing = Distribution(gaps)
        var states: [String: JSON] = [:]
        for (i, name) in EventSeries.stateNames.enumerated() { states[name] = .number(Double(byState[i])) }
        states["unknown"] = .number(Double(byState[EventSeries.stateNames.count]))
        let forward: [JSON] = events.horizons.enumerated().map { k, h in
            let d = Distribution(members.map { events.forward[k][$0] }.filter(\.isFinite))
            var o: [String: JSON] = ["horizon_bars": .number(Double(h)), "count": .number(Double(d.count)),
                                     "mean_bps": .finite(d.mean), "std_bps": .finite(d.std)]
            for (level, value) in zip(Distribution.quantileLevels, d.quantiles) { o["q\(Int((level * 100).rounded()))_bps"] = .finite(value) }
            return .object(o)
        }
        var o: [String: JSON] = [
            "bars": .number(Double(bars)), "events": .number(Double(members.count)),
            "events_per_1000_bars": .finite(bars > 0 ? 1000 * Double(members.count) / Double(bars) : .nan),
            "spacing_bars": .object(["mean": .finite(spacing.mean), "median": .finite(spacing.quantiles[2]),
                                     "min": .finite(gaps.min() ?? .nan), "count": .number(Double(gaps.count))]),
            "clustering": .object([
                "within_bars": .number(Double(clusterBars)),
                "share_within": .finite(gaps.isEmpty ? .nan : Double(gaps.filter { $0 <= Double(clusterBars) }.count) / Double(gaps.count)),
                "days": .number(Double(days)), "max_events_per_day": .number(Double(perDay.values.max() ?? 0)),
                "daily_dispersion_index": .finite(dailyMean > 0 ? dailyVar / dailyMean : .nan),
            ]),
            "by_state": .object(states),
            "forward_returns": .array(forward),
        ]
        o.merge(extra) { a, _ in a }
        return .object(o)
    }
}
