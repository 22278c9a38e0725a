import MarketKit
import PackKit

/// Stages 5–15 over a market frame: sessions by New York date, levels as they become known,
/// a decision whenever the close enters a level's zone (or crosses it) on an RTH bar from
/// 09:30 to 13:30, its physics, distances, timing and triple-barrier label. Everything about a
/// decision at bar i reads bars ≤ i; the label reads bars i+1… within the horizon. A decision
/// whose horizon is not in the data yet is still emitted (TIMEOUT, ending at the horizon), so
/// its row features are the same whatever follows (the host checks it).
struct TouchScanner {
    let rules: TouchRules
    let bars: ESBars
    let zone: ZoneClock

    func scan() -> EventRows {
        var out = EventRows()
        let n = bars.count
        guard n > 0 else { return out }
        let sma = [LevelKind.sma200: TwoMinuteBars.sma(ts: bars.ts, close: bars.close, period: 200),
                   LevelKind.sma400: TwoMinuteBars.sma(ts: bars.ts, close: bars.close, period: 400)]
        let minute = bars.ts.map { zone.minuteOfDay(nanoseconds: $0) }
        let day = bars.ts.map { zone.date(nanoseconds: $0) }
        var start = 0
        while start < n {
            var end = start
            while end < n, day[end] == day[start] { end += 1 }
            scanSession(start..<end, day: day[start], minute: minute, sma: sma, into: &out)
            start = end
        }
        return out
    }

    private func scanSession(_ rows: Range<Int>, day: Int32, minute: [Int], sma: [LevelKind: [Double]], into out: inout EventRows) {
        var levels = SessionLevels(openingRangeMinutes: rules.openingRangeMinutes)
        var range = RTHRange(period: rules.atrPeriod)
        var inZoneMinutes = [Int](repeating: 0, count: LevelKind.allCases.count)
        var approaches = [Int](repeating: 0, count: LevelKind.allCases.count)
        var front = 0.0, total = 0.0
        // The session clock's own check: its 09:30 bar reads minutes_since_open 0 (NaN without one).
        let clock0930 = rows.first { minute[$0] == SessionClock.rthOpen }.map { Double(SessionClock.minutesSinceOpen(minute[$0])) } ?? .nan
        let barTime = SessionClock.minute
        var previous: [Double] = LevelKind.allCases.map { _ in .nan }
        for i in rows {
            let m = minute[i]
            front += bars.volume[i]
            total += bars.totalVolume[i]
            var atr = Double.nan, premarketBars = 0
            let isRTH = m >= SessionClock.rthOpen && m < SessionClock.rthClose
            if isRTH {
                (atr, premarketBars) = range.add(index: i, high: bars.high[i], low: bars.low[i], close: bars.close[i]) {
                    minute[$0] >= SessionClock.rthOpen
                }
            }
            let current = LevelKind.allCases.map { k in sma[k]?[i] ?? levels.value(k, minute: m) }
            let decides = isRTH && m < SessionClock.rthOpen + rules.lastDecisionMinute && i > rows.lowerBound
            var touches: [(kind: LevelKind, level: Double, side: Double)] = []
            for kind in LevelKind.allCases {
                let level = current[kind.rawValue], before = previous[kind.rawValue]
                guard level.isFinite, before.isFinite, i > rows.lowerBound else { continue }
                let now = bars.close[i] - level, then = bars.close[i - 1] - before
                let inside = abs(now) <= rules.zone, wasInside = abs(then) <= rules.zone
                if isRTH, wasInside { inZoneMinutes[kind.rawValue] += 1 }
                guard (inside || now * then < 0) && !wasInside else { continue }
                if decides { touches.append((kind, level, then < 0 ? 1 : -1)) }
                approaches[kind.rawValue] += 1
            }
            for t in touches.sorted(by: { $0.kind.name < $1.kind.name || ($0.kind.name == $1.kind.name && $0.level < $1.level) }) {
                let decision = bars.ts[i] + barTime
                var horizonEnd = i + 1
                while horizonEnd < rows.upperBound, bars.ts[horizonEnd] < decision + Int64(rules.horizonMinutes) * barTime { horizonEnd += 1 }
                let result = TripleBarrier(target: rules.target).label(level: t.level, side: t.side, entry: bars.close[i], bars: (i + 1)..<horizonEnd,
                                                                       open: bars.open, high: bars.high, low: bars.low, close: bars.close)
                // A barrier hit ends the label at that bar's close; a TIMEOUT at the horizon.
                let labelEnd = result.label == .timeout ? decision + Int64(rules.horizonMinutes) * barTime : bars.ts[result.lastBar ?? i] + barTime
                let physics = Physics(bars, at: i, side: t.side, window: rules.approachWindow, atr: atr, sessionStart: rows.lowerBound)
                out.ts.append(decision)
                out.end.append(labelEnd)
                out.label.append(result.label.rawValue)
                out.key.append(EventRows.eventID(day: zone.date(nanoseconds: decision), decisionMinute: m + 1, kind: t.kind, level: t.level))
                out.levelKind.append(t.kind.name)
                out.direction.append(t.side > 0 ? "from_below" : "from_above")
                let entry = bars.close[i]
                out.outcomeBreak.append((result.breakPoints - rules.costPoints) / entry)
                out.outcomeBounce.append((-result.breakPoints - rules.costPoints) / entry)
                let k = t.kind.rawValue
                let values: [Double] = [
                    Double(k), t.side, physics.barrier, physics.barrierRatio, physics.tape, physics.fuel,
                    physics.velocity, physics.acceleration, physics.jerk, physics.ofi, physics.gex1, physics.gex2, physics.gex3,
                    physics.force, physics.mass, physics.fmaResidual, Double(SessionClock.minutesSinceOpen(m)),
                    Double(inZoneMinutes[k]), Double(approaches[k] - 1), atr,
                ] + current.map { ($0.isFinite && atr > 0) ? (bars.close[i] - $0) / atr : .nan }
                for (f, v) in values.enumerated() { out.features[f].append(v) }
                let qa = [total > 0 ? front / total : .nan, Double(premarketBars), clock0930, physics.isCovered ? 1 : 0]
                for (q, v) in qa.enumerated() { out.qa[q].append(v) }
            }
            levels.record(high: bars.high[i], low: bars.low[i], minute: m)
            previous = current
        }
    }
}
