#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indicators
import MarketKit
import PackKit

/// Turns a market frame into decision rows: at each bar that carries a ladder snapshot (decision
/// time = the bar's end), one row per quoted strike. Features read bars up to the decision only;
/// the label reads the session's last bar. Strikes whose bid does not cover the fees are left out. A decision whose close is not in the data yet is
/// still emitted (labelled from the latest close, ending at the session close), so its features
/// never depend on what follows.
struct LadderScanner {
    let rules: BreachRules
    let bars: PutBars

    func scan() -> BreachRows {
        var rows = BreachRows()
        var start = 0
        while start < bars.count {
            let day = newYorkDate(bars.ts[start])
            // The day's bars: one calendar conversion a day, not one a bar (the live monitor labels every cycle).
            let hours = NewYorkCalendar.nanosecondRange(ofDay: day)
            var end = start
            while end < bars.count, hours.contains(bars.ts[end]) { end += 1 }
            if let session = NYSECalendar.session(on: day) { scanSession(session, start..<end, into: &rows) }
            start = end
        }
        return rows
    }

    func scanSession(_ session: NYSECalendar.Session, _ range: Range<Int>, into rows: inout BreachRows) {
        // The settlement: the close of the bar ending at the session close, else the latest one.
        let settle = bars.close[range.last!]
        let tradingYears = ChainSimulator.tradingYearsClock(session: session)
        for i in range {
            let t = bars.ts[i] + MarketFrame.bar
            let sinceOpen = Int((t - session.open) / MarketFrame.bar), toClose = Int((session.close - t) / MarketFrame.bar)
            guard sinceOpen >= rules.firstDecisionMinutes, toClose >= rules.lastDecisionMinutes, bars.atmIV[i].isFinite else { continue }
            let years = tradingYears(t)
            let spot = bars.close[i]
            let quoted = PutLadder.rungs.filter { bars.quote($0, "strike", i).isFinite && bars.quote($0, "bid", i).isFinite }
            let context = (realized: realizedVol(range.lowerBound, through: i), trend: log(spot / bars.open[range.lowerBound]),
                           trend30: log(spot / bars.close[max(range.lowerBound, i - 30)]))
            // Rows of one instant in key order, one per strike. A put whose bid does not cover
            // the fees has nothing to sell: no decision (far below spot late in the day).
            var seen = Set<String>()
            let sellable = quoted.filter { bars.quote($0, "bid", i) > rules.feePoints }
                .map { (rung: $0, key: BreachRows.key(strike: bars.quote($0, "strike", i))) }
                .sorted { $0.key < $1.key }.filter { seen.insert($0.key).inserted }
            for (rung, key) in sellable {
                let strike = bars.quote(rung, "strike", i), bid = bars.quote(rung, "bid", i), ask = bars.quote(rung, "ask", i)
                let iv = bars.quote(rung, "iv", i)
                // From the market's forward when it quotes one (sim), else the spot (no rate, no dividend).
                let rn = RiskNeutral.breachProbability(spot: bars.forward[i].isFinite ? bars.forward[i] : spot, strike: strike, years: years, vol: iv)
                rows.ts.append(t)
                rows.end.append(session.close)
                rows.key.append(key)
                rows.label.append(settle < strike ? "BREACHED" : "SAFE")
                rows.outcomeSell.append((bid - rules.feePoints - max(strike - settle, 0)) / strike)
                let values = [strike / spot - 1, Double(toClose), context.realized, iv, bars.atmIV[i],
                              0.5 * (bid + ask), bid - rules.feePoints, bars.quote(rung, "delta", i), bars.quote(rung, "gamma", i),
                              bars.quote(rung, "theta", i), bars.quote(rung, "vega", i),
                              RiskNeutral.distanceInSD(spot: spot, strike: strike, years: years, vol: iv),
                              context.trend, context.trend30, rn]
                for (f, value) in values.enumerated() { rows.features[f].append(value) }
                let qa = [quoted.count == PutLadder.rungs.count ? 1.0 : 0.0, rn, bid - rules.feePoints]
                for (q, value) in qa.enumerated() { rows.qa[q].append(value) }
            }
        }
    }

    /// Annualised realised vol of the session's last `volWindow` 1-minute returns up to bar `i`,
    /// on 390 minutes × 252 sessions; NaN before two returns exist.
    func realizedVol(_ first: Int, through i: Int) -> Double {
        let from = max(first, i - rules.volWindow)
        guard i - from >= 2 else { return .nan }
        var sum = 0.0
        for k in (from + 1)...i { let r = log(bars.close[k] / bars.close[k - 1]); sum += r * r }
        return (sum / Double(i - from) * 390 * 252).squareRoot()
    }
}
