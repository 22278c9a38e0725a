import Foundation
import Indicators
import MarketKit

/// Instants and market dates as text, without Foundation's formatters (fast and fixed).
public enum Timestamps {
    static let nanosPerSecond: Int64 = 1_000_000_000

    /// `2024-07-01T14:00:00Z` (seconds precision; sub-second parts are dropped).
    public static func iso(_ ns: Int64) -> String {
        let seconds = NewYorkCalendar.floorDivide(ns, nanosPerSecond)
        let days = NewYorkCalendar.floorDivide(seconds, 86_400)
        let t = seconds - days * 86_400
        let (y, m, d) = NewYorkCalendar.civil(days: days)
        return "\(pad(y, 4))-\(pad(m))-\(pad(d))T\(pad(t / 3600)):\(pad(t / 60 % 60)):\(pad(t % 60))Z"
    }

    /// `2024-07-01` for a day count since 1970-01-01.
    public static func date(_ day: Int32) -> String { MarketDate.format(day) }

    /// Parses `YYYY-MM-DD`, or `today` (the current trading day of `market`), into a day count.
    /// `EDGEHOST_TODAY=YYYY-MM-DD` replays a past day as `today` (drills, tests, backfills).
    public static func parseDate(_ text: String, market: Market = .nyse, now: Date = Date(),
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws(WorkspaceError) -> Int32 {
        if text == "today" {
            if let pinned = environment["EDGEHOST_TODAY"], !pinned.isEmpty {
                guard let day = MarketDate.parse(pinned) else { throw WorkspaceError("EDGEHOST_TODAY='\(pinned)' is not a date: use YYYY-MM-DD \(supported)") }
                return day
            }
            return market.day(Int64((now.timeIntervalSince1970 * 1e9).rounded(.down)))
        }
        guard let day = MarketDate.parse(text) else {
            throw WorkspaceError("'\(text)' is not a date: use YYYY-MM-DD (e.g. 2024-07-01) \(supported), or 'today'")
        }
        return day
    }

    /// Instants are Int64 nanoseconds, so dates stop short of 1677 and 2262.
    static let supported = "from \(MarketDate.years.lowerBound)-01-01 to \(MarketDate.years.upperBound)-12-31"

    /// `2024-07-01T14:00:00Z` → nanoseconds since the epoch; nil unless it is that shape and a
    /// real instant (no February 31st, no hour 25) in the years an Int64 of nanoseconds holds.
    public static func parseInstant(_ text: String) -> Int64? {
        guard text.utf8.count == 20, text.hasSuffix("Z"), let day = MarketDate.parse(String(text.prefix(10))) else { return nil }
        let clock = Array(text.utf8.dropFirst(10))
        guard clock[0] == UInt8(ascii: "T"), clock[3] == UInt8(ascii: ":"), clock[6] == UInt8(ascii: ":") else { return nil }
        func two(_ at: Int) -> Int64? {
            let (a, b) = (clock[at] &- 48, clock[at + 1] &- 48)
            return a < 10 && b < 10 ? Int64(a) * 10 + Int64(b) : nil
        }
        guard let hour = two(1), let minute = two(4), let second = two(7), hour < 24, minute < 60, second < 60,
              (-106_751...106_750).contains(Int64(day)) else { return nil }
        return ((Int64(day) * 24 + hour) * 60 + minute) * 60 * nanosPerSecond + second * nanosPerSecond
    }

    /// The New York hour (0–23) of an instant.
    public static func newYorkHour(_ ns: Int64) -> Int {
        let local = NewYorkCalendar.floorDivide(ns, nanosPerSecond) + NewYorkCalendar.utcOffset(nanoseconds: ns)
        return Int(NewYorkCalendar.floorModulo(local, 86_400) / 3600)
    }

    private static func pad(_ v: Int64, _ width: Int = 2) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
