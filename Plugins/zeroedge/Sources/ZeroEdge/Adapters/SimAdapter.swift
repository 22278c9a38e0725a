import MarketKit
import PackKit

/// Simulated SPY-like market: bars from `BarSimulator`, 0DTE chains from `ChainSimulator`.
let simAdapter = DataAdapter(ComponentInfo(
    id: "sim",
    description: "Simulated SPY-like 1-minute regular-session bars with simulated 0DTE chains (deterministic from seed; "
        + "from 2020-01-02; a query starting earlier gets the bars from then on). Query: start, end, chain (\"sim\" | \"none\"), dataset (\"market\" | \"chain\").",
    params: [.int("seed", default: 7, min: 0, "seed of the simulated bars and chains"),
             .string("effects", default: "default",
                     "effects planted in the bars (docs/data.md): \"default\" (pin drift, gap fade) or \"none\""),
             .int("chain_minutes", default: 5, min: 1, max: 60,
                  "minutes between simulated chain snapshots (30 keeps every whole hour at a sixth of the chain's cost)")],
    outputs: MarketFrame.outputSpecs,
    causality: marketCausality), market: .nyseMinutes) { query, params in
    try SimAdapter.load(AdapterQuery(query), seed: params.int("seed"), effects: MarketEffects(named: params.string("effects")),
                        chainMinutes: params.int("chain_minutes")).source()
}

enum SimAdapter {
    /// A query may start before the simulator's origin: the host asks for history before the
    /// range it builds (its warm-up fetch), and history that does not exist is the host's warm-up,
    /// not an error. The bars that exist are returned; a range wholly before the origin is refused.
    static func load(_ query: AdapterQuery, seed: Int, effects: MarketEffects = .standard, chainMinutes: Int = 5) throws -> AdapterOutput {
        let from = query.end >= BarSimulator.origin ? max(query.start, BarSimulator.origin) : query.start
        let bars = try BarSimulator(seed: UInt64(bitPattern: Int64(seed)), effects: effects).bars(from: from, through: query.end)
        guard bars.rowCount > 0 else {
            throw ComponentError("no NYSE session between \(MarketDate.format(query.start)) and \(MarketDate.format(query.end))")
        }
        return try AdapterOutput.market(bars: bars, query: query, seed: seed, chainMinutes: chainMinutes)
    }
}
