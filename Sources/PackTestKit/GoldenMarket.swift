import Foundation

/// When a market trades, in its own time zone: what the golden bars of PackTestKit follow.
///
/// A session belongs to a trading date (the date it closes on) and runs from `open` to `close`,
/// both local wall-clock times given relative to that date, so DST is Foundation's business.
/// Holidays are not modelled: the default start dates avoid them.
public struct GoldenMarket: Sendable, Hashable, CustomStringConvertible {
    /// A local wall-clock time on the trading date plus `dayOffset` days.
    public struct LocalTime: Sendable, Hashable {
        public var dayOffset: Int
        public var hour: Int
        public var minute: Int
        public init(dayOffset: Int = 0, _ hour: Int, _ minute: Int = 0) {
            self.dayOffset = dayOffset
            self.hour = hour
            self.minute = minute
        }
    }

    public var name: String
    /// IANA time zone id ("America/New_York").
    public var timeZone: String
    public var barSeconds: Int64
    public var open: LocalTime
    public var close: LocalTime
    /// Trading dates' weekdays, Gregorian numbering (1 = Sunday … 7 = Saturday).
    public var weekdays: Set<Int>
    /// The first trading date of the default frames ("2024-07-01").
    public var defaultStart: String

    public init(name: String, timeZone: String, barSeconds: Int64, open: LocalTime, close: LocalTime,
                weekdays: Set<Int>, defaultStart: String) {
        self.name = name
        self.timeZone = timeZone
        self.barSeconds = barSeconds
        self.open = open
        self.close = close
        self.weekdays = weekdays
        self.defaultStart = defaultStart
    }

    public var description: String { name }

    /// New York regular hours, 09:30–16:00, 1-minute bars, Monday to Friday.
    public static let newYorkRTH = GoldenMarket(
        name: "nyse-rth-1m", timeZone: "America/New_York", barSeconds: 60,
        open: LocalTime(9, 30), close: LocalTime(16), weekdays: [2, 3, 4, 5, 6], defaultStart: "2024-07-01")

    /// Every day, UTC midnight to midnight, 5-minute bars (288 a day); starts on a Saturday.
    public static let utc24x7 = GoldenMarket(
        name: "24x7-utc-5m", timeZone: "UTC", barSeconds: 300,
        open: LocalTime(0), close: LocalTime(dayOffset: 1, 0), weekdays: Set(1...7), defaultStart: "2024-07-06")

    /// CME Globex-like: 17:00 Chicago the day before to 16:00 on the trading date, Monday to
    /// Friday dates (so Sunday evening to Friday afternoon) with the daily 16:00–17:00 CT break;
    /// 1-minute bars (1,380 a session).
    public static let cmeGlobex = GoldenMarket(
        name: "cme-globex-1m", timeZone: "America/Chicago", barSeconds: 60,
        open: LocalTime(dayOffset: -1, 17), close: LocalTime(16), weekdays: [2, 3, 4, 5, 6], defaultStart: "2024-07-08")

    public static let all: [GoldenMarket] = [.newYorkRTH, .utc24x7, .cmeGlobex]

    /// Open and close, in UTC nanoseconds, of `count` sessions from trading date `start`.
    public func sessions(from start: String? = nil, count: Int) throws(GoldenFrameError) -> [(open: Int64, close: Int64)] {
        guard let zone = TimeZone(identifier: timeZone) else { throw GoldenFrameError("\(name): unknown time zone '\(timeZone)'") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let first = start ?? defaultStart
        let parts = first.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            throw GoldenFrameError("\(name): start '\(first)' is not a YYYY-MM-DD date")
        }
        guard !weekdays.isEmpty, count >= 0 else { return [] }
        var out: [(open: Int64, close: Int64)] = []
        var date = day
        while out.count < count {
            if weekdays.contains(calendar.component(.weekday, from: date)) {
                out.append((try instant(open, on: date, calendar), try instant(close, on: date, calendar)))
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: date) else { throw GoldenFrameError("\(name): date overflow after \(date)") }
            date = next
        }
        return out
    }

    private func instant(_ time: LocalTime, on date: Date, _ calendar: Calendar) throws(GoldenFrameError) -> Int64 {
        guard let day = calendar.date(byAdding: .day, value: time.dayOffset, to: date),
              let at = calendar.date(bySettingHour: time.hour, minute: time.minute, second: 0, of: day),
              let seconds = Int64(exactly: at.timeIntervalSince1970.rounded()) else {
            throw GoldenFrameError("\(name): no local time \(time.hour):\(time.minute) near \(date)")
        }
        return seconds * 1_000_000_000
    }
}

/// A golden market or frame that cannot be built (a bad start date or time zone).
public struct GoldenFrameError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
