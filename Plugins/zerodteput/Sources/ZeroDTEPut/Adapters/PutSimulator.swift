#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indicators
import MarketKit
import PackKit

/// Simulated SPX sessions with intraday 0DTE SPXW put ladders (docs/data.md): MarketKit's bar
/// simulator and chain simulator on an SPY-like path, scaled ×10 to SPX (strikes then lie on a
/// 10-point grid). Deterministic per (seed, day), like every simulated adapter.
///
/// `effects: all` keeps what MarketKit plants and prices: the path's pin drift and gap fade, and
/// options priced with a 15 % variance risk premium and a put skew, so selling puts earns a
/// premium on average (the edge there is to find). `effects: none` removes both: effect-free
/// bars, and each ladder put re-priced at the snapshot's ATM vol without the premium or the
/// skew (Black–Scholes, flat vol), so its mid is a fair bet on the close and nothing remains to
/// find after the spread.
struct PutSimulator {
    let seed: UInt64
    let effects: Bool
    /// Minutes between chain snapshots (and so between decisions).
    let chainMinutes: Int

    /// SPX is about ten SPY.
    static let scale = 10.0
    /// Enough $1 SPY strikes below spot for the ladder's 3 % (about 15 at SPY 500).
    static let strikesEachSide = 20

    func sessions(from start: Int32, through end: Int32) throws -> PutBars {
        let from = end >= BarSimulator.origin ? max(start, BarSimulator.origin) : start
        let bars = try BarSimulator(seed: seed, effects: effects ? .standard : .none).bars(from: from, through: end)
        var out = PutBars()
        let ts = Array(try bars.timestamps())
        let columns = try ["open", "high", "low", "close", "volume"].map { Array(try bars.float64($0)) }
        var barEndingAt: [Int64: Int] = [:]
        for i in ts.indices {
            out.appendBar(ts: ts[i], open: columns[0][i] * Self.scale, high: columns[1][i] * Self.scale, low: columns[2][i] * Self.scale,
                          close: columns[3][i] * Self.scale, volume: columns[4][i])
            barEndingAt[ts[i] + MarketFrame.bar] = i
        }
        let chains = ChainSimulator(seed: seed, strikesEachSide: Self.strikesEachSide)
        try chains.forEachSnapshot(for: bars, every: chainMinutes) { snapshot in
            // The opening snapshot has no bar ended yet: no decision there.
            guard let i = barEndingAt[snapshot.ts], let session = NYSECalendar.session(on: snapshot.expiry) else { return }
            attach(snapshot, to: &out, bar: i, years: ChainSimulator.tradingYears(session: session, at: snapshot.ts))
        }
        return out
    }

    /// Writes the snapshot's ATM vol and ladder puts on bar `i`, scaled to SPX.
    func attach(_ snapshot: ChainSnapshot, to out: inout PutBars, bar i: Int, years: Double) {
        var puts: [Int: OptionQuote] = [:]
        for quote in snapshot.quotes where quote.right == .put { puts[Int(quote.strike)] = quote }
        guard let atm = puts[Int(snapshot.spot.rounded())]?.iv else { return }
        out.atmIV[i] = atm
        for rung in PutLadder.rungs {
            let strike = Int((snapshot.spot * (1 + PutLadder.target(rung))).rounded())
            guard var quote = puts[strike] else { continue }
            if !effects { quote = Self.fair(strike: Double(strike), spot: snapshot.spot, years: years, atm: atm) }
            let values = [quote.strike * Self.scale, quote.bid * Self.scale, quote.ask * Self.scale, quote.iv, quote.delta,
                          quote.gamma / Self.scale, quote.theta * Self.scale, quote.vega * Self.scale]
            for (f, value) in values.enumerated() { out.quotes[rung - 1][f][i] = value }
        }
    }

    /// A put at the ATM vol without the variance risk premium or the skew, with the chain
    /// simulator's spread (one cent plus 1 % of the price, SPY scale).
    static func fair(strike: Double, spot: Double, years: Double, atm: Double) -> OptionQuote {
        let vol = atm / (1 + ChainSimulator.varianceRiskPremium).squareRoot()
        let g = BlackScholes.greeks(.put, spot: spot, strike: strike, years: years, vol: vol)
        let half = 0.5 * (0.01 + 0.01 * g.price)
        let bid = max(0, ((g.price - half) * 100 + 1e-9).rounded(.down) / 100)
        let ask = max(bid + 0.01, ((g.price + half) * 100 - 1e-9).rounded(.up) / 100)
        return OptionQuote(right: .put, strike: strike, bid: bid, ask: ask, iv: vol, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega)
    }
}
