/// The calendars the host ships, by id.
public enum ShippedCalendars {
    public static let ids = ["nyse", "cme-globex", "24x7", "custom"]

    /// NYSE regular sessions in New York: 09:30–16:00 Monday–Friday, closed on NYSE holidays,
    /// 13:00 on early-close days (`NYSECalendar`). The trading day is the New York date.
    public static func nyse(zone: ZoneClock) -> WindowCalendar {
        WindowCalendar(id: "nyse", zone: zone,
                       windows: [SessionWindow(openMinute: 9 * 60 + 30, closeMinute: 16 * 60, weekdays: SessionWindow.mondayToFriday)],
                       closed: { NYSECalendar.holiday(on: $0) != nil },
                       earlyClose: { NYSECalendar.isEarlyClose($0) ? 13 * 60 : nil })
    }

    /// CME Globex (equity-index futures) in Chicago: a session opens at 17:00 the day before
    /// and closes at 16:00 on its date, Monday–Friday (so Sunday 17:00 opens Monday's), with
    /// the daily 16:00–17:00 break between sessions. Holidays, simplified from CME's schedule:
    /// no session closes on New Year's Day, Good Friday or Christmas Day; on the other NYSE
    /// holidays (MLK, Presidents', Memorial, Juneteenth, Independence, Labor, Thanksgiving)
    /// trading halts at 12:00, and on NYSE early-close days (July 3, the day after Thanksgiving,
    /// Christmas Eve) at 12:15.
    public static func cmeGlobex(zone: ZoneClock) -> WindowCalendar {
        WindowCalendar(id: "cme-globex", zone: zone,
                       windows: [SessionWindow(openMinute: 17 * 60, closeMinute: 16 * 60, weekdays: SessionWindow.mondayToFriday)],
                       closed: { cmeClosure(on: $0) },
                       earlyClose: { day in
                           if NYSECalendar.holiday(on: day) != nil { return 12 * 60 }
                           return NYSECalendar.isEarlyClose(day) ? 12 * 60 + 15 : nil
                       })
    }

    static func cmeClosure(on day: Int32) -> Bool {
        guard let name = NYSECalendar.holiday(on: day) else { return false }
        return ["New Year's Day", "Good Friday", "Christmas Day"].contains(name)
    }

    /// Every day, 00:00–24:00 in the zone (UTC for crypto): the trading day is the local date.
    public static func allDays(zone: ZoneClock) -> WindowCalendar {
        WindowCalendar(id: "24x7", zone: zone, windows: [SessionWindow(openMinute: 0, closeMinute: 24 * 60, weekdays: SessionWindow.everyDay)])
    }
}
