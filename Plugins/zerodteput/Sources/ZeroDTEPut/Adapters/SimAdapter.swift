import MarketKit
import PackKit

/// Simulated SPX sessions with 0DTE put ladders (`PutSimulator`): the embedded default.
let simAdapter = DataAdapter(ComponentInfo(
    id: "sim",
    description: "Simulated SPX 1-minute regular-session bars with intraday 0DTE SPXW put ladders 0.5 %-3 % below spot, "
        + "priced fairly on the path's own law (MarketKit's bar simulator scaled to SPX; deterministic per seed and day; from 2020-01-02). Query: start, end.",
    params: [
        .int("seed", default: 5, min: 0, "seed of the simulated bars"),
        .string("effects", default: "all", "planted effects (docs/data.md): none (fair puts on an effect-free path), vrp (implied variance above the true one), "
            + "path (MarketKit's pin drift and gap fade), all (vrp and path)"),
        .float("vrp", default: 0.15, min: 0, max: 3, "the variance risk premium when planted: implied variance = (1 + vrp) x the path's true variance"),
        .int("chain_minutes", default: 30, min: 5, max: 120, "minutes between chain snapshots, so between decisions"),
    ],
    outputs: PutBars.outputSpecs,
    causality: putCausality), market: .nyseMinutes) { query, params in
    let q = try PutQuery(query)
    let effects = try SimEffects(named: try params.string("effects"), vrp: try params.double("vrp"))
    let simulator = PutSimulator(seed: UInt64(try params.int("seed")), effects: effects, chainMinutes: try params.int("chain_minutes"))
    let bars = try simulator.sessions(from: q.start, through: q.end)
    guard bars.count > 0 else { throw ComponentError("sim: no NYSE session between \(MarketDate.format(q.start)) and \(MarketDate.format(q.end))") }
    return FrameList([try bars.frame()])
}
