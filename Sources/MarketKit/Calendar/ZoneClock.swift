import Foundation
import Indicators

/// Local wall-clock time of instants in one IANA time zone.
///
/// The UTC offsets come from Foundation's `TimeZone` (the system's tz database), read once
/// into a table of transitions so a hot loop over bars needs a binary search, not a
/// `TimeZone` call per row. America/New_York uses `NewYorkCalendar`'s integer rules instead,
/// which equal the tz database from 2007 on and keep every New York output as it always was.
public struct ZoneClock: Sendable, Equatable {
    public let identifier: String
    /// Instants (UTC seconds) from which `offsets[i]` applies; `offsets[0]` applies before `starts[1]`.
    private let starts: [Int64]
    private let offsets: [Int64]
    private let newYork: Bool

    static let secondsPerDay: Int64 = 86_400
    static let nanosPerSecond: Int64 = 1_000_000_000

    /// nil when the system does not know the zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        newYork = identifier == "America/New_York"
        // The transitions between 1900 and 2200: instants are Int64 nanoseconds (1677–2262).
        var date = Date(timeIntervalSince1970: -2_208_988_800)
        let last = Date(timeIntervalSince1970: 7_258_118_400)
        var starts: [Int64] = [Int64.min], offsets: [Int64] = [Int64(zone.secondsFromGMT(for: date))]
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next < last {
            let offset = Int64(zone.secondsFromGMT(for: next))
            if offset != offsets[offsets.count - 1] {
                starts.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
            }
            date = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    public static let utc = ZoneClock(identifier: "UTC")!

    public static func == (a: ZoneClock, b: ZoneClock) -> Bool { a.identifier == b.identifier }

    /// The UTC offset in seconds in force at an instant (nanoseconds since the epoch).
    public func offsetSeconds(nanoseconds ns: Int64) -> Int64 {
        if newYork { return NewYorkCalendar.utcOffset(nanoseconds: ns) }
        return offset(atSecond: NewYorkCalendar.floorDivide(ns, ZoneClock.nanosPerSecond))
    }

    private func offset(atSecond s: Int64) -> Int64 {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= s { lo = mid + 1 } else { hi = mid }
        }
        return offsets[max(lo - 1, 0)]
    }

    /// Local seconds since 1970-01-01 00:00 local of an instant.
    public func localSeconds(nanoseconds ns: Int64) -> Int64 {
        NewYorkCalendar.floorDivide(ns, ZoneClock.nanosPerSecond) + offsetSeconds(nanoseconds: ns)
    }

    /// The local date (days since 1970-01-01) of an instant.
    public func date(nanoseconds ns: Int64) -> Int32 {
        if newYork { return NewYorkCalendar.date(nanoseconds: ns) }
        return Int32(NewYorkCalendar.floorDivide(localSeconds(nanoseconds: ns), ZoneClock.secondsPerDay))
    }

    /// Local minutes since midnight (0–1439) of an instant.
    public func minuteOfDay(nanoseconds ns: Int64) -> Int {
        Int(NewYorkCalendar.floorModulo(localSeconds(nanoseconds: ns), ZoneClock.secondsPerDay) / 60)
    }

    /// The local hour (0–23) of an instant.
    public func hour(nanoseconds ns: Int64) -> Int { minuteOfDay(nanoseconds: ns) / 60 }

    /// The instant (ns UTC) of local wall time `minute` minutes after midnight of `day`.
    /// A wall time skipped by a spring-forward switch maps to the instant an hour later; a
    /// repeated one to its first occurrence.
    public func instant(day: Int32, minute: Int) -> Int64 {
        let local = Int64(day) * ZoneClock.secondsPerDay + Int64(minute) * 60
        // The offset before the wall time, then the one at the candidate instant.
        let first = localOffset(local - ZoneClock.secondsPerDay / 2)
        var utc = local - first
        let second = offsetSeconds(nanoseconds: utc * ZoneClock.nanosPerSecond)
        if second != first, offsetSeconds(nanoseconds: (local - second) * ZoneClock.nanosPerSecond) == second { utc = local - second }
        return utc * ZoneClock.nanosPerSecond
    }

    private func localOffset(_ approximateUTC: Int64) -> Int64 {
        newYork ? NewYorkCalendar.utcOffset(nanoseconds: approximateUTC * ZoneClock.nanosPerSecond) : offset(atSecond: approximateUTC)
    }
}
