import Indicators

/// One trading session: the date it belongs to and when it opens and closes (ns UTC).
public struct MarketSession: Sendable, Equatable {
    /// The session's date in the market's zone (days since 1970-01-01): the date it closes on.
    public var day: Int32
    public var open: Int64
    public var close: Int64
    public var isEarlyClose: Bool

    public init(day: Int32, open: Int64, close: Int64, isEarlyClose: Bool = false) {
        (self.day, self.open, self.close, self.isEarlyClose) = (day, open, close, isEarlyClose)
    }
}

/// A weekly session window in local time: open and close in minutes after local midnight,
/// on the weekdays (of the close date) in `weekdays`, a bit per day, bit 0 = Sunday. A window
/// whose open is not before its close starts the day before (an overnight session, Globex).
public struct SessionWindow: Sendable, Equatable, Hashable {
    public var openMinute: Int
    public var closeMinute: Int
    public var weekdays: UInt32

    public init(openMinute: Int, closeMinute: Int, weekdays: UInt32) {
        (self.openMinute, self.closeMinute, self.weekdays) = (openMinute, closeMinute, weekdays)
    }

    public static let mondayToFriday: UInt32 = 0b0111110
    public static let everyDay: UInt32 = 0b1111111

    public var isOvernight: Bool { openMinute >= closeMinute }
}

/// What a market's calendar answers: the date of a timestamp's trading day, the session on
/// a date, and local hours. Every date and hour the host uses goes through one of these.
public protocol SessionCalendar: Sendable {
    /// "nyse", "cme-globex", "24x7" or "custom".
    var id: String { get }
    var zone: ZoneClock { get }
    /// The trading-day date (days since 1970-01-01) an instant belongs to. Days change at
    /// local midnight, or at the session open for an overnight market (17:00 Chicago on Globex,
    /// so a Sunday-evening bar belongs to Monday).
    func sessionDay(nanoseconds: Int64) -> Int32
    /// The session on a trading-day date; nil when the market does not trade that day.
    func session(on day: Int32) -> MarketSession?
    /// The instants whose trading day is `day`: [day's boundary, next day's boundary).
    func dayRange(_ day: Int32) -> Range<Int64>
}

extension SessionCalendar {
    /// The local hour (0–23) of an instant in the market's zone.
    public func localHour(nanoseconds: Int64) -> Int { zone.hour(nanoseconds: nanoseconds) }

    /// The session whose [open, close) holds the instant; nil outside every session.
    public func session(containing nanoseconds: Int64) -> MarketSession? {
        guard let s = session(on: sessionDay(nanoseconds: nanoseconds)), nanoseconds >= s.open, nanoseconds < s.close else { return nil }
        return s
    }

    /// Every session with `from ≤ day ≤ through`, in order.
    public func sessions(from: Int32, through: Int32) -> [MarketSession] {
        guard from <= through else { return [] }
        return (from...through).compactMap(session(on:))
    }
}

/// A calendar made of weekly windows, with closed days and early closes: all three shipped
/// calendars and a pack's custom one are this, configured differently.
public struct WindowCalendar: SessionCalendar {
    public let id: String
    public let zone: ZoneClock
    public let windows: [SessionWindow]
    /// True on a date (days since 1970-01-01) the market does not trade despite its window.
    let closed: @Sendable (Int32) -> Bool
    /// The local close minute on an early-close date, else nil.
    let earlyClose: @Sendable (Int32) -> Int?
    /// Minutes after local midnight where the trading day changes (the overnight open, or 0).
    let boundaryMinute: Int

    public init(id: String, zone: ZoneClock, windows: [SessionWindow],
                closed: @escaping @Sendable (Int32) -> Bool = { _ in false },
                earlyClose: @escaping @Sendable (Int32) -> Int? = { _ in nil }) {
        self.id = id
        self.zone = zone
        self.windows = windows
        self.closed = closed
        self.earlyClose = earlyClose
        boundaryMinute = windows.first(where: \.isOvernight)?.openMinute ?? 0
    }

    public func sessionDay(nanoseconds ns: Int64) -> Int32 {
        if boundaryMinute == 0 { return zone.date(nanoseconds: ns) }
        let date = zone.date(nanoseconds: ns)
        return zone.minuteOfDay(nanoseconds: ns) >= boundaryMinute ? date + 1 : date
    }

    public func dayRange(_ day: Int32) -> Range<Int64> {
        if boundaryMinute == 0 { return zone.instant(day: day, minute: 0)..<zone.instant(day: day + 1, minute: 0) }
        return zone.instant(day: day - 1, minute: boundaryMinute)..<zone.instant(day: day, minute: boundaryMinute)
    }

    public func session(on day: Int32) -> MarketSession? {
        let weekday = MarketDate.weekday(day)
        guard !closed(day), let window = windows.first(where: { $0.weekdays & (1 << UInt32(weekday)) != 0 }) else { return nil }
        let open = zone.instant(day: window.isOvernight ? day - 1 : day, minute: window.openMinute)
        let early = earlyClose(day)
        let close = zone.instant(day: day, minute: early ?? window.closeMinute)
        return MarketSession(day: day, open: open, close: close, isEarlyClose: early != nil)
    }
}
