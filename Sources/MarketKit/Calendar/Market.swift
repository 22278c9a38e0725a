import Indicators
import PackKit

/// Where a model's bars come from, as its data adapter declares it: the IANA time zone, the
/// session calendar and the bar length. Every date and hour the host uses (fold boundaries,
/// coverage by day, warm-up sessions, allowed hours, the newest session) is this market's.
public struct Market: Sendable, Equatable {
    public let timeZone: String
    /// "nyse", "cme-globex", "24x7" or "custom" (then `windows` describe the sessions).
    public let calendarID: String
    /// Nanoseconds per bar; 0 when not declared.
    public let barNanoseconds: Int64
    public let windows: [SessionWindow]
    public let calendar: any SessionCalendar

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let description: String

        public init(description: String) { self.description = description }
    }

    public init(timeZone: String, calendar: String, barNanoseconds: Int64 = 0, windows: [SessionWindow] = []) throws(Invalid) {
        guard let zone = ZoneClock(identifier: timeZone) else {
            throw Invalid(description: "time zone '\(timeZone)' is not an IANA zone this system knows (e.g. America/New_York, America/Chicago, UTC)")
        }
        guard barNanoseconds >= 0 else { throw Invalid(description: "bar length \(barNanoseconds) ns is negative") }
        switch calendar {
        case "nyse": self.calendar = ShippedCalendars.nyse(zone: zone)
        case "cme-globex": self.calendar = ShippedCalendars.cmeGlobex(zone: zone)
        case "24x7": self.calendar = ShippedCalendars.allDays(zone: zone)
        case "custom":
            guard !windows.isEmpty else { throw Invalid(description: "calendar 'custom' needs at least one session window") }
            for w in windows where !(0...1439).contains(w.openMinute) || !(1...1440).contains(w.closeMinute) || w.weekdays & ~SessionWindow.everyDay != 0 || w.weekdays == 0 {
                throw Invalid(description: "session window \(w.openMinute)–\(w.closeMinute) min, weekdays 0b\(String(w.weekdays, radix: 2)): open must be 0–1439, close 1–1440 minutes after local midnight, weekdays bits 0–6 and not empty")
            }
            self.calendar = WindowCalendar(id: "custom", zone: zone, windows: windows)
        default:
            throw Invalid(description: "calendar '\(calendar)' is unknown (known: \(ShippedCalendars.ids.joined(separator: ", ")))")
        }
        self.timeZone = timeZone
        calendarID = calendar
        self.barNanoseconds = barNanoseconds
        self.windows = calendar == "custom" ? windows : []
    }

    /// What a 1.0 adapter, or one that declares nothing, trades: NYSE sessions in New York.
    public static let nyse = try! Market(timeZone: "America/New_York", calendar: "nyse")

    public static func == (a: Market, b: Market) -> Bool {
        a.timeZone == b.timeZone && a.calendarID == b.calendarID && a.barNanoseconds == b.barNanoseconds && a.windows == b.windows
    }

    /// NYSE in New York, the market every output had before markets were declared.
    public var isNewYorkDefault: Bool { timeZone == "America/New_York" && calendarID == "nyse" }

    /// The trading-day date of an instant (days since 1970-01-01).
    @inline(__always)
    public func day(_ nanoseconds: Int64) -> Int32 { calendar.sessionDay(nanoseconds: nanoseconds) }

    /// The market-local hour (0–23) of an instant.
    @inline(__always)
    public func hour(_ nanoseconds: Int64) -> Int { calendar.localHour(nanoseconds: nanoseconds) }

    /// Bars in a full session of the first window (390 one-minute bars on NYSE, 288 five-minute
    /// bars a day on 24x7); an undeclared bar length counts as one minute.
    public var barsPerSession: Int {
        max(1, sessionMinutes / max(1, Int(barNanoseconds / 60_000_000_000)))
    }

    /// Minutes of a regular session of the first window (390 on NYSE, 1380 on Globex, 1440 on 24x7).
    public var sessionMinutes: Int {
        let window = (calendar as? WindowCalendar)?.windows.first ?? SessionWindow(openMinute: 0, closeMinute: 1440, weekdays: SessionWindow.everyDay)
        return window.isOvernight ? 1440 - window.openMinute + window.closeMinute : window.closeMinute - window.openMinute
    }

    /// Trading days a week of the first window (5 on NYSE and Globex, 7 on 24x7).
    public var tradingDaysPerWeek: Int {
        max(1, ((calendar as? WindowCalendar)?.windows.first?.weekdays ?? SessionWindow.everyDay).nonzeroBitCount)
    }

    /// As recorded in a matrix profile: `{"time_zone", "calendar", "bar_ns", "windows"?}`.
    public var json: JSON {
        var o: [String: JSON] = ["time_zone": .string(timeZone), "calendar": .string(calendarID), "bar_ns": .number(Double(barNanoseconds))]
        if !windows.isEmpty {
            o["windows"] = .array(windows.map { .object(["open_minute": .number(Double($0.openMinute)), "close_minute": .number(Double($0.closeMinute)),
                                                        "weekdays": .number(Double($0.weekdays))]) })
        }
        return .object(o)
    }

    /// Reads `json`'s form back; nil input (an older profile) is NYSE.
    public init(json: JSON?) throws(Invalid) {
        guard let json else { self = .nyse; return }
        guard let zone = json["time_zone"]?.stringValue, let calendar = json["calendar"]?.stringValue else {
            throw Invalid(description: "market \(json.text) lacks time_zone or calendar")
        }
        guard let bar = json["bar_ns"] == nil ? 0 : json["bar_ns"]?.intValue, bar >= 0 else {
            throw Invalid(description: "market bar_ns in \(json.text) is not a non-negative integer")
        }
        var windows: [SessionWindow] = []
        if case .array(let list)? = json["windows"] {
            for w in list {
                guard let o = w["open_minute"]?.intValue, let c = w["close_minute"]?.intValue, let d = w["weekdays"]?.intValue,
                      let weekdays = UInt32(exactly: d) else {
                    throw Invalid(description: "market window \(w.text) is not {open_minute, close_minute, weekdays} integers")
                }
                windows.append(SessionWindow(openMinute: o, closeMinute: c, weekdays: weekdays))
            }
        }
        try self.init(timeZone: zone, calendar: calendar, barNanoseconds: Int64(bar), windows: windows)
    }
}
