#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indicators
import MarketKit
import PackKit

/// Simulated SPX sessions with intraday 0DTE SPXW put ladders (docs/data.md): MarketKit's bar
/// simulator on an SPY-like path, scaled ×10 to SPX (strikes then lie on a 10-point grid).
/// Deterministic per (seed, day), like every simulated adapter.
///
/// The puts are priced by a fair market maker: it knows the law of the rest of the session
/// (`BarSimulator.SessionLaw`: the day's drift and volatility, the minutes' variance profile),
/// so each quote's mid is the expected payoff at the close and its implied vol is the path's
/// true forward-looking vol. With no effect selling a put loses its spread and fees on
/// average. The effects are planted on top and switch off one by one (`SimEffects`).
struct PutSimulator {
    let seed: UInt64
    let effects: SimEffects
    /// Minutes between chain snapshots (and so between decisions).
    let chainMinutes: Int

    /// SPX is about ten SPY.
    static let scale = 10.0

    func sessions(from start: Int32, through end: Int32) throws -> PutBars {
        let from = end >= BarSimulator.origin ? max(start, BarSimulator.origin) : start
        let simulator = BarSimulator(seed: seed, effects: effects.path ? .standard : .none)
        let bars = try simulator.bars(from: from, through: end)
        let laws = simulator.sessionLaws(from: from, through: end)
        var out = PutBars()
        let ts = Array(try bars.timestamps())
        let columns = try ["open", "high", "low", "close", "volume"].map { Array(try bars.float64($0)) }
        let step = Int64(chainMinutes) * MarketFrame.bar
        for i in ts.indices {
            out.appendBar(ts: ts[i], open: columns[0][i] * Self.scale, high: columns[1][i] * Self.scale, low: columns[2][i] * Self.scale,
                          close: columns[3][i] * Self.scale, volume: columns[4][i])
            // A snapshot every `chainMinutes` from the open, on the bar ending at it (none at the open itself).
            let t = ts[i] + MarketFrame.bar
            let day = newYorkDate(ts[i])
            guard let session = NYSECalendar.session(on: day), (t - session.open) % step == 0, t < session.close,
                  let law = laws[day] else { continue }
            attach(spot: columns[3][i], law: law, remaining: BarSimulator.remainingShare(session: session, at: t), to: &out, bar: i)
        }
        return out
    }

    /// Writes the snapshot's ATM vol and ladder puts on bar `i`, priced at SPY scale then scaled to SPX.
    func attach(spot: Double, law: BarSimulator.SessionLaw, remaining: Double, to out: inout PutBars, bar i: Int) {
        guard remaining > 0 else { return }
        let quoted = FairPut(spot: spot, drift: law.drift * remaining, dailyVol: law.vol * (1 + effects.premium).squareRoot(),
                             remaining: remaining)
        out.atmIV[i] = quoted.impliedVol
        out.forward[i] = quoted.expectedClose * Self.scale
        for rung in PutLadder.rungs {
            let strike = (spot * (1 + PutLadder.target(rung))).rounded()
            let quote = quoted.quote(strike: strike)
            let values = [quote.strike * Self.scale, quote.bid * Self.scale, quote.ask * Self.scale, quote.iv, quote.delta,
                          quote.gamma / Self.scale, quote.theta * Self.scale, quote.vega * Self.scale]
            for (f, value) in values.enumerated() { out.quotes[rung - 1][f][i] = value }
        }
    }
}

/// The planted effects of the `sim` adapter (docs/data.md), each switchable:
/// - `path`: MarketKit's pin drift and gap fade in the bars (the market maker does not know them);
/// - `premium`: a variance risk premium, implied variance = (1 + premium) × the true variance.
struct SimEffects: Sendable, Equatable {
    var path: Bool
    var premium: Double

    /// `effects` = none | vrp | path | all, `vrp` = the premium when planted.
    init(named name: String, vrp: Double) throws {
        switch name {
        case "none": (path, premium) = (false, 0)
        case "vrp": (path, premium) = (false, vrp)
        case "path": (path, premium) = (true, 0)
        case "all": (path, premium) = (true, vrp)
        default: throw ComponentError("sim: effects must be none, vrp, path or all, got '\(name)'")
        }
    }
}
