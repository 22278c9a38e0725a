import MarketKit
import PackKit

/// New York session times of the pipeline, in minutes after New York midnight. The market
/// is CME Globex (Chicago), but levels and decisions follow the cash session in New York.
enum SessionClock {
    /// 04:00: the premarket (and the simulated data) start.
    static let premarketOpen = 4 * 60
    /// 09:30: the regular (RTH) session opens; `minutes_since_open` is 0 on this bar.
    static let rthOpen = 9 * 60 + 30
    /// 16:00: RTH close, the 0DTE options' expiry.
    static let rthClose = 16 * 60
    static let minute: Int64 = 60_000_000_000

    static func newYork() throws -> ZoneClock {
        guard let zone = ZoneClock(identifier: "America/New_York") else {
            throw ComponentError("es0dte: time zone America/New_York is not available (tzdata)")
        }
        return zone
    }

    static func chicago() throws -> ZoneClock {
        guard let zone = ZoneClock(identifier: "America/Chicago") else {
            throw ComponentError("es0dte: time zone America/Chicago is not available (tzdata)")
        }
        return zone
    }

    /// Minutes since the RTH open of the bar starting at New York minute `minuteOfDay`: 0 at 09:30.
    static func minutesSinceOpen(_ minuteOfDay: Int) -> Int { minuteOfDay - rthOpen }

    /// "0947" for 09:47.
    static func hhmm(_ minuteOfDay: Int) -> String {
        let h = minuteOfDay / 60, m = minuteOfDay % 60
        return (h < 10 ? "0" : "") + String(h) + (m < 10 ? "0" : "") + String(m)
    }
}
