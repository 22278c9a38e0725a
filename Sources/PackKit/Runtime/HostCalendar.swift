import PluginAPI

/// The host's calendars (service `edgehost.calendar/1`) for Swift packs: local time in any
/// IANA zone and the sessions of a market, with daylight saving from the tz database. Every
/// call returns nil when the host offers no calendar service or refuses the zone or market.
/// `host` is the API the pack was given (the default); tests pass one explicitly.
public enum HostCalendar {
    public struct LocalTime: Sendable, Equatable {
        public var year, month, day, hour, minute, second: Int
        /// 0 = Sunday.
        public var weekday: Int
        public var utcOffsetSeconds: Int
        /// The local date as days since 1970-01-01.
        public var days: Int32
    }

    public struct Session: Sendable, Equatable {
        /// The trading day (days since 1970-01-01).
        public var day: Int32
        /// nil when the market does not trade on `day`.
        public var open: Int64?, close: Int64?
        public var isEarlyClose: Bool
        /// For `session(containing:)`: whether the instant lies in [open, close).
        public var contains: Bool
    }

    public static func localTime(_ nanoseconds: Int64, zone: String, host: UnsafePointer<edgehost_host_api_t>? = nil) -> LocalTime? {
        guard case let (api, service)? = service(host) else { return nil }
        var out = edgehost_local_time_t()
        guard service.pointee.local_time(api, zone, nanoseconds, &out) == EDGEHOST_OK else { return nil }
        return LocalTime(year: Int(out.year), month: Int(out.month), day: Int(out.day), hour: Int(out.hour), minute: Int(out.minute),
                         second: Int(out.second), weekday: Int(out.weekday), utcOffsetSeconds: Int(out.utc_offset_s), days: out.days)
    }

    /// The trading day holding the instant in `market`, and that day's session.
    public static func session(containing nanoseconds: Int64, market: AdapterMarket, host: UnsafePointer<edgehost_host_api_t>? = nil) -> Session? {
        guard case let (api, service)? = service(host) else { return nil }
        var out = edgehost_session_t()
        guard service.pointee.session_of(api, market.pointer, nanoseconds, &out) == EDGEHOST_OK else { return nil }
        return Session(out)
    }

    /// The session of trading day `day` in `market`.
    public static func session(on day: Int32, market: AdapterMarket, host: UnsafePointer<edgehost_host_api_t>? = nil) -> Session? {
        guard case let (api, service)? = service(host) else { return nil }
        var out = edgehost_session_t()
        guard service.pointee.session_on(api, market.pointer, day, &out) == EDGEHOST_OK else { return nil }
        return Session(out)
    }

    /// The instant (ns UTC) of local wall time `minute` minutes after midnight of local date `day` in `zone`.
    public static func instant(day: Int32, minute: Int, zone: String, host: UnsafePointer<edgehost_host_api_t>? = nil) -> Int64? {
        guard case let (api, service)? = service(host), let m = Int32(exactly: minute) else { return nil }
        var out: Int64 = 0
        guard service.pointee.instant(api, zone, day, m, &out) == EDGEHOST_OK else { return nil }
        return out
    }

    private static func service(_ given: UnsafePointer<edgehost_host_api_t>?) -> (UnsafePointer<edgehost_host_api_t>, UnsafePointer<edgehost_calendar_service_t>)? {
        guard let api = given ?? currentRuntime?.host, let raw = api.pointee.get_service?(api, EDGEHOST_SERVICE_CALENDAR),
              (try? ABIError.check(raw, as: edgehost_calendar_service_t.self, what: "calendar service")) != nil else { return nil }
        return (api, raw.assumingMemoryBound(to: edgehost_calendar_service_t.self))
    }
}

extension HostCalendar.Session {
    init(_ c: edgehost_session_t) {
        let trades = c.trades != 0
        self.init(day: c.day, open: trades ? c.open_ns : nil, close: trades ? c.close_ns : nil, isEarlyClose: c.early_close != 0,
                  contains: c.in_session != 0)
    }
}
