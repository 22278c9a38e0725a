import Indicators

/// The NYSE regular-session calendar: which New York dates trade, from when to when.
///
/// Rules (in force since 1998 for MLK Day, since 2022 for Juneteenth): a holiday on Sunday is
/// observed on Monday; on Saturday on the Friday before — except New Year's Day, whose Friday
/// is the last session of the year and stays open. Early closes (13:00) are July 3 when July 4
/// falls Tuesday–Friday, the day after Thanksgiving, and December 24 on Monday–Thursday.
/// Unscheduled closures since 2001 (9/11, state funerals, Hurricane Sandy) are listed by date.
public enum NYSECalendar {
    public struct Session: Sendable, Equatable {
        /// NY date, days since 1970-01-01.
        public var day: Int32
        /// ns UTC of 09:30 local.
        public var open: Int64
        /// ns UTC of 16:00 local, or 13:00 on early-close days.
        public var close: Int64
        public var isEarlyClose: Bool

        /// Regular-session minutes (390, or 210 on early-close days).
        public var minutes: Int { Int((close - open) / 60_000_000_000) }
    }

    static let minute: Int64 = 60_000_000_000

    /// The session of a NY date; nil on weekends and NYSE holidays.
    public static func session(on day: Int32) -> Session? {
        let weekday = MarketDate.weekday(day)
        guard weekday != 0, weekday != 6, holiday(on: day) == nil else { return nil }
        // Sessions never fall on a DST switch day (Sundays), so local midnight + hours is exact.
        let midnight = NewYorkCalendar.nanosecondRange(ofDay: day).lowerBound
        let early = isEarlyClose(day)
        return Session(day: day, open: midnight + (9 * 60 + 30) * minute,
                       close: midnight + (early ? 13 : 16) * 60 * minute, isEarlyClose: early)
    }

    /// Every session with `from ≤ day ≤ through`, in order.
    public static func sessions(from: Int32, through: Int32) -> [Session] {
        guard from <= through else { return [] }
        return (from...through).compactMap(session(on:))
    }

    /// The session whose [open, close) holds the instant, if any.
    public static func session(containing nanoseconds: Int64) -> Session? {
        guard let s = session(on: newYorkDate(nanoseconds)), nanoseconds >= s.open, nanoseconds < s.close else { return nil }
        return s
    }

    /// The holiday's name when the exchange is closed on a weekday `day`, else nil.
    public static func holiday(on day: Int32) -> String? {
        let (y, m, d) = NewYorkCalendar.civil(days: Int64(day))
        let weekday = MarketDate.weekday(day)
        guard weekday != 0, weekday != 6 else { return nil }
        if let name = specialClosures[day] { return name }
        // New Year's Day: Saturday → no Friday closure (that Friday closes the year's books).
        if m == 1, observed(fixed: date(y, 1, 1), allowFriday: false) == day { return "New Year's Day" }
        if m == 1, y >= 1998, d == nthWeekday(1, of: 1, year: y, n: 3) { return "Martin Luther King Jr. Day" }
        if m == 2, d == nthWeekday(1, of: 2, year: y, n: 3) { return "Washington's Birthday" }
        if Int64(day) == easter(year: y) - 2 { return "Good Friday" }
        if m == 5, d == lastWeekday(1, of: 5, year: y) { return "Memorial Day" }
        if m == 6, y >= 2022, observed(fixed: date(y, 6, 19)) == day { return "Juneteenth" }
        if m == 7, observed(fixed: date(y, 7, 4)) == day { return "Independence Day" }
        if m == 9, d == nthWeekday(1, of: 9, year: y, n: 1) { return "Labor Day" }
        if m == 11, d == nthWeekday(4, of: 11, year: y, n: 4) { return "Thanksgiving Day" }
        if m == 12, observed(fixed: date(y, 12, 25)) == day { return "Christmas Day" }
        return nil
    }

    static func isEarlyClose(_ day: Int32) -> Bool {
        let (y, m, d) = NewYorkCalendar.civil(days: Int64(day))
        let weekday = MarketDate.weekday(day)
        switch (m, d) {
        case (7, 3): return (1...4).contains(weekday)
        case (12, 24): return (1...4).contains(weekday)
        case (11, _): return d == nthWeekday(4, of: 11, year: y, n: 4) + 1
        default: return false
        }
    }

    /// Closures outside the rules (unscheduled), since 2001.
    static let specialClosures: [Int32: String] = {
        let list: [(Int64, Int64, Int64, String)] = [
            (2001, 9, 11, "September 11 attacks"), (2001, 9, 12, "September 11 attacks"),
            (2001, 9, 13, "September 11 attacks"), (2001, 9, 14, "September 11 attacks"),
            (2004, 6, 11, "National Day of Mourning (Ronald Reagan)"),
            (2007, 1, 2, "National Day of Mourning (Gerald Ford)"),
            (2012, 10, 29, "Hurricane Sandy"), (2012, 10, 30, "Hurricane Sandy"),
            (2018, 12, 5, "National Day of Mourning (George H. W. Bush)"),
            (2025, 1, 9, "National Day of Mourning (Jimmy Carter)"),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { (date($0.0, $0.1, $0.2), $0.3) })
    }()

    static func date(_ y: Int64, _ m: Int64, _ d: Int64) -> Int32 { Int32(NewYorkCalendar.days(year: y, month: m, day: d)) }

    /// The weekday on which a fixed-date holiday is observed: Sunday → Monday, Saturday → Friday.
    static func observed(fixed day: Int32, allowFriday: Bool = true) -> Int32? {
        switch MarketDate.weekday(day) {
        case 0: return day + 1
        case 6: return allowFriday ? day - 1 : nil
        default: return day
        }
    }

    /// Day of month of the `n`-th `weekday` (0 = Sunday) of a month.
    static func nthWeekday(_ weekday: Int, of month: Int64, year: Int64, n: Int) -> Int64 {
        let first = date(year, month, 1)
        let offset = (weekday - MarketDate.weekday(first) + 7) % 7
        return Int64(1 + offset + 7 * (n - 1))
    }

    static func lastWeekday(_ weekday: Int, of month: Int64, year: Int64) -> Int64 {
        let last = MarketDate.daysInMonth(year: year, month: month)
        let back = (MarketDate.weekday(date(year, month, last)) - weekday + 7) % 7
        return last - Int64(back)
    }

    /// Easter Sunday (days since 1970-01-01), anonymous Gregorian algorithm.
    static func easter(year y: Int64) -> Int64 {
        let a = y % 19, b = y / 100, c = y % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return NewYorkCalendar.days(year: y, month: month, day: day)
    }
}
