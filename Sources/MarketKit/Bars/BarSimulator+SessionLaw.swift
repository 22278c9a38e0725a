#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PackKit

extension BarSimulator {
    /// What the simulator knows at a session's open about its open-to-close log return: it is
    /// normal with mean `drift` and standard deviation `vol` (the daily walk's draw), spread over
    /// the minutes in proportion to the intraday variance profile. The minute bridge
    /// (`IntradayShape.appendBars`) makes the minute returns exactly independent normals with
    /// mean `drift · share` and variance `vol² · share`, so after `m` minutes the rest of the
    /// session's log return is N(drift · R, vol² · R), R = `remainingShare(session:at:)`.
    /// A fair option market prices with this law; planted effects (pin pull) are not in it.
    public struct SessionLaw: Sendable, Equatable {
        public var day: Int32
        public var drift: Double
        public var vol: Double
    }

    /// The law of each session in [from, through] (NY dates), keyed by day. Rebuilt from the
    /// daily walk: drift = the trend step, minus the reversion toward the trend, minus the gap fade.
    public func sessionLaws(from: Int32, through: Int32) -> [Int32: SessionLaw] {
        var laws: [Int32: SessionLaw] = [:]
        var previousClose = log(Self.originPrice), previousDay = Self.origin
        for day in walk(through: through) {
            let gap = day.logOpen - previousClose
            let drift = Self.trend(day.session.day) - Self.trend(previousDay) - Self.reversion * (previousClose - Self.trend(previousDay))
                - effects.gapFade * gap
            if day.session.day >= from { laws[day.session.day] = SessionLaw(day: day.session.day, drift: drift, vol: day.vol) }
            previousClose = day.logClose
            previousDay = day.session.day
        }
        return laws
    }

    /// Share of a session's open-to-close variance still to come at instant `t` (1 at the open,
    /// 0 at the close), on the simulator's intraday variance profile.
    public static func remainingShare(session: NYSECalendar.Session, at t: Int64) -> Double {
        let shape = IntradayShape(minutes: Int((session.close - session.open) / MarketFrame.bar))
        return shape.remainingVariance(afterMinutes: Int((t - session.open) / MarketFrame.bar))
    }
}
