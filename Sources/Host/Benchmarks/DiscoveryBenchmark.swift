import Foundation
import PackKit

/// `edgehost bench discovery`: phase 2 (every event type × horizon × verb × state, then the
/// Benjamini–Hochberg gate) on a pack's bars, timed apart from reading the data. It also
/// writes what its pandas peer (Benchmarks/discovery/peer.py) needs to compute the same
/// candidates: each symbol's bars and event columns, and edgehost's candidates to compare.
public enum DiscoveryBenchmark {
    public static func run(catalogue: PackCatalogue, pack: String, adapterParams: [String: JSON], symbols: [String],
                           start: Int32, end: Int32, outDir: String, repeats: Int) throws -> String {
        let loadStart = Date()
        let series = try EventSeries.load(catalogue: catalogue, pack: pack, adapterParams: adapterParams, symbols: symbols,
                                          start: start, end: end, checkCausality: false)
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let costs = try TradingCosts(budgets: nil)
        var best = Double.infinity
        var gated: [Candidate] = []
        for _ in 0..<max(repeats, 1) {
            let started = DispatchTime.now().uptimeNanoseconds
            let candidates = series.eventTypes.sorted().flatMap { type in
                Phase2.candidates(EventOccurrences(series, eventType: type, horizons: Phase2.defaultHorizons, costs: costs))
            }
            gated = Phase2.gate(candidates, fdr: 0.05, minEvents: 30)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        for data in series.symbols {
            try AtomicFile.write(barsCSV(data, types: series.eventTypes), to: (outDir as NSString).appendingPathComponent("bars_\(data.symbol).csv"))
        }
        try AtomicFile.write(CandidatesFile.text(gated), to: (outDir as NSString).appendingPathComponent("candidates.csv"))
        try AtomicFile.write(costs.json.text, to: (outDir as NSString).appendingPathComponent("costs.json"))
        let bars = series.symbols.map(\.ts.count).reduce(0, +)
        return JSON.object([
            "bench": .string("discovery_phase2"), "impl": .string("edgehost"), "unit": .string("s"),
            "bars": .number(Double(bars)), "symbols": .number(Double(symbols.count)),
            "event_types": .number(Double(series.eventTypes.count)), "candidates": .number(Double(gated.count)),
            "events": .number(Double(series.eventTypes.map { EventOccurrences(series, eventType: $0, horizons: [1], costs: costs).count }.reduce(0, +))),
            "seconds": .rounded(best, 6), "candidates_per_s": .rounded(Double(gated.count) / best, 1),
            "load_seconds": .rounded(loadSeconds, 3), "repeats": .number(Double(repeats)),
            "scope": .string("occurrences (directions, forward returns, costs) from the loaded bars and event columns, every candidate's statistics, the BH gate; loading not timed"),
        ]).text
    }

    /// ts (ns), OHLCV and each event type's flag and state, for the peer.
    static func barsCSV(_ data: EventSeries.SymbolSeries, types: [String]) -> String {
        var lines = [(["ts", "open", "high", "low", "close", "volume"] + types.flatMap { ["\($0)_flag", "\($0)_state"] }).joined(separator: ",")]
        lines.reserveCapacity(data.ts.count + 1)
        for i in data.ts.indices {
            var fields = ["\(data.ts[i])", "\(data.open[i])", "\(data.high[i])", "\(data.low[i])", "\(data.close[i])", "\(data.volume[i])"]
            for type in types {
                let columns = data.events[type]
                fields.append(CandidatesFile.number(columns?.flag[i] ?? .nan))
                fields.append(CandidatesFile.number(columns?.state[i] ?? .nan))
            }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
