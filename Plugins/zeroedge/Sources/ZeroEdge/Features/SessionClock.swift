import Indicators
import PackKit

/// Wall-clock arithmetic in America/New_York for session logic. Sessions are not looked up in
/// an exchange calendar: they are the runs of rows that share a New York date, so a frame
/// carries its own sessions (half days and holidays included).
enum NewYorkClock {
    static let second: Int64 = 1_000_000_000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 60 * minute
    /// 09:30, in minutes after local midnight.
    static let openMinute: Int64 = 570
    /// A regular session, 09:30–16:00, in 1-minute bars.
    static let sessionBars: Int64 = 390

    /// Minutes after local midnight of the wall clock at `t`.
    static func minuteOfDay(_ t: Int64) -> Int64 {
        let local = floorDivide(t, second) + NewYorkCalendar.utcOffset(nanoseconds: t)
        return (local - floorDivide(local, 86_400) * 86_400) / 60
    }

    /// The instant of wall-clock `minuteOfDay` on New York date `day`. Inside the skipped or
    /// repeated hour of a DST switch (Sunday 02:00, never a session) the result is off by an hour.
    static func instant(day: Int32, minuteOfDay: Int64) -> Int64 {
        let localSeconds = Int64(day) * 86_400 + minuteOfDay * 60
        // Assume EST first; an hour's error cannot change the offset away from the switch.
        let offset = NewYorkCalendar.utcOffset(nanoseconds: (localSeconds + 5 * 3_600) * second)
        return (localSeconds - offset) * second
    }

    /// "YYYY-MM-DD" of a New York date, for messages.
    static func text(day: Int32) -> String {
        let c = NewYorkCalendar.civil(days: Int64(day))
        func pad(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)-\(pad(c.month))-\(pad(c.day))"
    }

    /// "HH:MM" of a minute of the day, for messages.
    static func text(minuteOfDay m: Int64) -> String {
        let h = m / 60, mm = m % 60
        return "\(h < 10 ? "0" : "")\(h):\(mm < 10 ? "0" : "")\(mm)"
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }
}

/// Tells, row by row, when a new New York date (a session) starts. The calendar is consulted
/// only when a row leaves the current date's UTC range, so a scan costs one lookup per day.
struct SessionTracker {
    private var range: Range<Int64> = 0..<0
    private(set) var day: Int32 = 0

    /// Whether `t` is on a different New York date than the previous row.
    mutating func startsSession(_ t: Int64) -> Bool {
        if range.contains(t) { return false }
        day = NewYorkCalendar.date(nanoseconds: t)
        range = NewYorkCalendar.nanosecondRange(ofDay: day)
        return true
    }
}

/// The one output every zeroedge feature returns.
func featureOutputs(_ description: String) -> [ColumnSpec] {
    [.float64("value", allowsNaN: true, description)]
}

/// A frame with the single output column `value`.
func featureFrame(_ values: Float64Column) throws -> Frame {
    try Frame([.float64("value", values)])
}
