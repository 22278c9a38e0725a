/// Calendar dates in America/New_York computed with integer arithmetic only, so session
/// logic can run in a hot loop without Foundation's `TimeZone`.
///
/// Applies the US rules in force since 2007 to every year: EST (UTC−5), and EDT (UTC−4) from
/// the second Sunday of March 02:00 local to the first Sunday of November 02:00 local. Dates
/// before 2007 therefore differ from the historical zone for a few weeks of each year.
/// Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian calendar.
public enum NewYorkCalendar {
    static let secondsPerDay: Int64 = 86_400
    static let standardOffset: Int64 = 5 * 3_600
    static let daylightOffset: Int64 = 4 * 3_600
    static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// The New York calendar date of an instant.
    /// - Parameter nanoseconds: nanoseconds since 1970-01-01T00:00:00Z.
    /// - Returns: days since 1970-01-01 of the local date.
    public static func date(nanoseconds: Int64) -> Int32 {
        let seconds = floorDivide(nanoseconds, nanosecondsPerSecond)
        // The year of the standard-time date is right whenever DST could apply (Mar–Nov).
        let year = civil(days: floorDivide(seconds - standardOffset, secondsPerDay)).year
        let dst = seconds >= daylightStart(year: year) && seconds < daylightEnd(year: year)
        return Int32(floorDivide(seconds - (dst ? daylightOffset : standardOffset), secondsPerDay))
    }

    /// The instants, in nanoseconds since the epoch, from local midnight of `day` up to (not
    /// including) the next local midnight; 23 or 25 hours long on transition days. Saturates
    /// at the ends of `Int64`.
    public static func nanosecondRange(ofDay day: Int32) -> Range<Int64> {
        let start = midnightUTCSeconds(Int64(day))
        let end = midnightUTCSeconds(Int64(day) + 1)
        return saturatingNanoseconds(start)..<saturatingNanoseconds(end)
    }

    /// UTC offset in seconds (−18000 or −14400) in force at an instant.
    public static func utcOffset(nanoseconds: Int64) -> Int64 {
        let seconds = floorDivide(nanoseconds, nanosecondsPerSecond)
        let year = civil(days: floorDivide(seconds - standardOffset, secondsPerDay)).year
        let dst = seconds >= daylightStart(year: year) && seconds < daylightEnd(year: year)
        return dst ? -daylightOffset : -standardOffset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Hinnant's inverse).
    public static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day count of the first Sunday on or after `days` (1970-01-01 was a Thursday).
    static func sundayOnOrAfter(_ days: Int64) -> Int64 {
        let weekday = floorModulo(days + 4, 7)  // 0 = Sunday
        return days + (7 - weekday) % 7
    }

    static func daylightStartDay(year: Int64) -> Int64 { sundayOnOrAfter(days(year: year, month: 3, day: 1)) + 7 }
    static func daylightEndDay(year: Int64) -> Int64 { sundayOnOrAfter(days(year: year, month: 11, day: 1)) }

    /// 02:00 EST on the second Sunday of March, in UTC seconds.
    static func daylightStart(year: Int64) -> Int64 {
        daylightStartDay(year: year) * secondsPerDay + 2 * 3_600 + standardOffset
    }

    /// 02:00 EDT on the first Sunday of November, in UTC seconds.
    static func daylightEnd(year: Int64) -> Int64 {
        daylightEndDay(year: year) * secondsPerDay + 2 * 3_600 + daylightOffset
    }

    /// Local midnight of `day` in UTC seconds. Transitions happen at 02:00, so midnight is in
    /// daylight time exactly on the days after the March switch up to the November switch day.
    static func midnightUTCSeconds(_ day: Int64) -> Int64 {
        let year = civil(days: day).year
        let dst = day > daylightStartDay(year: year) && day <= daylightEndDay(year: year)
        return day * secondsPerDay + (dst ? daylightOffset : standardOffset)
    }

    static func saturatingNanoseconds(_ seconds: Int64) -> Int64 {
        let (value, overflow) = seconds.multipliedReportingOverflow(by: nanosecondsPerSecond)
        return overflow ? (seconds < 0 ? .min : .max) : value
    }

    @inline(__always)
    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inline(__always)
    public static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 { a - floorDivide(a, b) * b }
}

/// The America/New_York calendar date of an instant, as days since 1970-01-01; see
/// `NewYorkCalendar.date(nanoseconds:)`.
public func newYorkDate(_ nanoseconds: Int64) -> Int32 {
    NewYorkCalendar.date(nanoseconds: nanoseconds)
}
