import Foundation
import MarketKit
import PackKit

/// Simulated ES sessions (`ESSimulator`): the embedded default, deterministic from its seed.
let simAdapter = DataAdapter(ComponentInfo(
    id: "sim",
    description: "Simulated ES front-month 1-minute bars, New York 04:00-16:00 on CME Globex days, with top of book, signed volume, "
        + "back-month volume and 0DTE dealer gamma (deterministic per seed and day). Query: start, end.",
    params: [
        .int("seed", default: 11, min: 0, "seed of the simulated sessions"),
        .string("effects", default: "all", "\"all\": the planted barrier effect (docs/data.md); \"none\": no effect"),
        .string("back_heavy", default: "", "comma-separated dates whose back month outtrades the front (a purity failure on purpose)"),
    ],
    outputs: ESBars.outputSpecs,
    causality: esCausality), market: esMarket) { query, params in
    let q = try ESQuery(query)
    let effects = try params.string("effects")
    guard ["all", "none"].contains(effects) else { throw ComponentError("sim: effects must be \"all\" or \"none\", got '\(effects)'") }
    var heavy = Set<Int32>()
    for text in try params.string("back_heavy").split(separator: ",") {
        guard let day = MarketDate.parse(text.trimmingCharacters(in: .whitespaces)) else {
            throw ComponentError("sim: back_heavy holds '\(text)', not a date YYYY-MM-DD")
        }
        heavy.insert(day)
    }
    let simulator = ESSimulator(seed: UInt64(try params.int("seed")), effects: effects == "all", backHeavyDays: heavy)
    let bars = try simulator.sessions(from: q.start, through: q.end)
    guard bars.count > 0 else { throw ComponentError("sim: no CME Globex session between \(MarketDate.format(q.start)) and \(MarketDate.format(q.end))") }
    return FrameList([try bars.frame()])
}
