import MarketKit
import PackKit

/// The embedded default: simulated klines and funding, no files, no network (docs/data.md).
let simAdapter = DataAdapter(ComponentInfo(
    id: "sim",
    description: "Simulated 24/7 BTCUSDT/ETHUSDT klines (1m, or 5m aggregated from them) with funding, from 2024-01-01 UTC; "
        + "deterministic from seed, with planted effects after VOL_SHOCK and LIQUIDITY_DISLOCATION (docs/data.md). Query: start, end (UTC dates), symbol.",
    params: commonParams + [
        .int("seed", default: 7, min: 0, "seed of the simulation"),
        .string("effects", default: "all", "\"all\" (planted mean reversion after VOL_SHOCK and LIQUIDITY_DISLOCATION) or \"none\""),
    ],
    outputs: Klines.outputSpecs,
    causality: klineCausality), market: cryptoMarket) { query, params in
    FrameList([try SimAdapter.frame(CryptoQuery(query, params), seed: params.int("seed"), effects: PlantedEffects(named: params.string("effects")))])
}

enum SimAdapter {
    /// The bars of `query`'s symbol and dates. A range starting before the origin gets the bars
    /// from the origin (the host's warm-up fetch asks for history that does not exist).
    static func frame(_ query: CryptoQuery, seed: Int, effects: PlantedEffects) throws -> Frame {
        guard let s = SimSymbol.all.firstIndex(where: { $0.name == query.symbol }) else {
            throw ComponentError("the simulation has \(SimSymbol.all.map(\.name).joined(separator: " and ")), not '\(query.symbol)'")
        }
        let range = query.nanosecondRange
        guard range.upperBound > KlineSimulator.origin else {
            throw ComponentError("the simulation starts 2024-01-01; asked \(MarketDate.format(query.start))..\(MarketDate.format(query.end))")
        }
        let market = SimCache.shared.market(KlineSimulator(seed: UInt64(seed), effects: effects), until: range.upperBound)
        let all = query.timeframe == .oneMinute ? market.minute : market.fiveMinute
        // Both symbols are simulated together, so the spread's legs are always there.
        let legs = SpreadLegs(bars: SpreadLegs.symbols.map { leg in SimSymbol.all.firstIndex { $0.name == leg }.map { all[$0] } })
        return try all[s].slice(range).frame(funding: market.funding[s], legs: legs)
    }
}
