import MarketKit
import PackKit

/// Simulated SPX sessions with 0DTE put ladders (`PutSimulator`): the embedded default.
let simAdapter = DataAdapter(ComponentInfo(
    id: "sim",
    description: "Simulated SPX 1-minute regular-session bars with intraday 0DTE SPXW put ladders 0.5 %-3 % below spot "
        + "(MarketKit's bar and chain simulators scaled to SPX; deterministic per seed and day; from 2020-01-02). Query: start, end.",
    params: [
        .int("seed", default: 5, min: 0, "seed of the simulated bars and chains"),
        .string("effects", default: "all", "\"all\": MarketKit's planted path effects and variance risk premium (docs/data.md); \"none\": fair puts, no effect"),
        .int("chain_minutes", default: 30, min: 5, max: 120, "minutes between chain snapshots, so between decisions"),
    ],
    outputs: PutBars.outputSpecs,
    causality: putCausality), market: .nyseMinutes) { query, params in
    let q = try PutQuery(query)
    let effects = try params.string("effects")
    guard ["all", "none"].contains(effects) else { throw ComponentError("sim: effects must be \"all\" or \"none\", got '\(effects)'") }
    let simulator = PutSimulator(seed: UInt64(try params.int("seed")), effects: effects == "all", chainMinutes: try params.int("chain_minutes"))
    let bars = try simulator.sessions(from: q.start, through: q.end)
    guard bars.count > 0 else { throw ComponentError("sim: no NYSE session between \(MarketDate.format(q.start)) and \(MarketDate.format(q.end))") }
    return FrameList([try bars.frame()])
}
