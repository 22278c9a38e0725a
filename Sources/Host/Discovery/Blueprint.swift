import PackKit

/// A candidate that passed phase 2, written as a strategy a backtest can run:
/// one line of `reports/strategy_blueprints/<run>/blueprints.jsonl`.
public enum Blueprint {
    /// `vol_shock_mean_revert_h3_all`: stable across runs of the same candidate.
    public static func id(_ c: Candidate) -> String { "\(c.eventType.lowercased())_\(c.verb.rawValue)_h\(c.horizon)_\(c.state)" }

    public static func json(_ c: Candidate, series: EventSeries, runID: String, robustness: JSON?) -> JSON {
        let position = c.verb == .meanRevert ? "-sign(close - previous close)" : "+sign(close - previous close)"
        let state = c.state == Candidate.allStates ? "in any state" : "in state \(c.state)"
        var o: [String: JSON] = [
            "id": .string(id(c)), "run_id": .string(runID), "pack": .string(series.pack), "adapter": .string(series.adapter),
            "event_type": .string(c.eventType), "detector": .string(EventSeries.detectorPrefix + c.eventType.lowercased()),
            "symbols": .strings(series.symbols.map(\.symbol)),
            "horizon_bars": .number(Double(c.horizon)), "verb": .string(c.verb.rawValue), "state": .string(c.state),
            "entry_rule": .string("when \(c.eventType) is flagged \(state): at the open of the next bar, position \(position) of the event bar"),
            "exit_rule": .string("at the open \(c.horizon) bar(s) after the entry bar"),
            "expectancy_after_cost_bps": .number(c.netBps),
            "expectancy_after_cost_ci95_bps": .array([.finite(c.netLowBps), .finite(c.netHighBps)]),
            "gross_bps": .number(c.grossBps), "cost_bps": .finite(c.costBps), "hit_rate": .finite(c.hitRate),
            "n_events": .number(Double(c.n)), "nw_t": .finite(c.t), "p_value": .finite(c.p), "bh_q": .finite(c.q),
            "window": .object(["start": .string(Timestamps.date(series.start)), "end": .string(Timestamps.date(series.end))]),
            "data_sha": .object(Dictionary(uniqueKeysWithValues: series.symbols.map { ($0.symbol, JSON.string($0.dataSHA)) })),
        ]
        if let robustness { o["robustness"] = robustness }
        return .object(o)
    }

    /// `--hybrid`: the blueprint's candidate measured again on each symbol alone and on each
    /// half of the window (split at the middle trading day). `sign_stable` is true when every
    /// part with events has an after-cost expectancy of the same sign as the whole.
    public static func robustness(_ c: Candidate, events: EventOccurrences, series: EventSeries) -> JSON {
        func measure(_ include: @escaping (Int) -> Bool) -> Candidate? {
            Phase2.candidates(events, include: include).first { $0.key == c.key }
        }
        func part(_ m: Candidate?, _ extra: [String: JSON]) -> JSON {
            var o: [String: JSON] = ["n_events": .number(Double(m?.n ?? 0)), "net_bps": .finite(m?.netBps ?? .nan),
                                     "gross_bps": .finite(m?.grossBps ?? .nan), "nw_t": .finite(m?.t ?? .nan)]
            o.merge(extra) { a, _ in a }
            return .object(o)
        }
        var parts: [Candidate?] = []
        var perSymbol: [JSON] = []
        for (s, data) in series.symbols.enumerated() {
            let m = measure { events.symbol[$0] == s }
            parts.append(m)
            perSymbol.append(part(m, ["symbol": .string(data.symbol)]))
        }
        let middle = series.start + (series.end - series.start) / 2
        let halves: [(Int32, Int32)] = [(series.start, middle), (middle + 1, series.end)]
        var halfReports: [JSON] = []
        for (from, to) in halves {
            let m = measure { (from...to).contains(series.market.day(events.ts[$0])) }
            parts.append(m)
            halfReports.append(part(m, ["start": .string(Timestamps.date(from)), "end": .string(Timestamps.date(max(from, to)))]))
        }
        let signs = parts.compactMap { $0 }.filter { $0.n > 0 }.map { $0.netBps > 0 }
        return .object(["per_symbol": .array(perSymbol), "halves": .array(halfReports),
                        "sign_stable": .bool(!signs.isEmpty && signs.allSatisfy { $0 == (c.netBps > 0) })])
    }
}
