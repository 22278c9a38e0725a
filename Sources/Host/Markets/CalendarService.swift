import Foundation
import Indicators
import MarketKit
import PluginAPI
import Synchronization

/// The `edgehost.calendar/1` service: the host's calendars lent to packs, so no pack writes
/// daylight-saving rules. Stateless apart from a cache of the markets and zones asked for
/// (building one reads the tz database), so one table serves every pack.
enum CalendarService {
    // Written once, then only read by packs.
    nonisolated(unsafe) static let table: UnsafePointer<edgehost_calendar_service_t> = {
        let p = UnsafeMutablePointer<edgehost_calendar_service_t>.allocate(capacity: 1)
        p.initialize(to: edgehost_calendar_service_t(header: .current(for: edgehost_calendar_service_t.self), local_time: localTime,
                                                     session_of: sessionOf, session_on: sessionOn, instant: instant))
        return UnsafePointer(p)
    }()

    private static let zones = Mutex<[String: ZoneClock]>([:])
    private static let markets = Mutex<[String: Market]>([:])

    static func zone(_ name: UnsafePointer<CChar>?) -> ZoneClock? {
        guard let name else { return nil }
        let id = String(cString: name)
        if let z = zones.withLock({ $0[id] }) { return z }
        guard let z = ZoneClock(identifier: id) else { return nil }
        zones.withLock { $0[id] = z }
        return z
    }

    static func market(_ c: UnsafePointer<edgehost_market_t>?) -> Market? {
        guard let c, c.pointee.header.struct_size >= MemoryLayout<edgehost_market_t>.size,
              let zone = c.pointee.time_zone, let calendar = c.pointee.calendar else { return nil }
        let windows = (0..<Int(min(c.pointee.window_count, 64))).compactMap { i in c.pointee.windows.map { w in "\(w[i].open_minute)-\(w[i].close_minute)-\(w[i].weekdays)" } }
        let key = "\(String(cString: zone))|\(String(cString: calendar))|\(windows.joined(separator: ","))"
        if let m = markets.withLock({ $0[key] }) { return m }
        guard let m = try? Market(c) else { return nil }
        markets.withLock { $0[key] = m }
        return m
    }

    static func fill(_ out: UnsafeMutablePointer<edgehost_session_t>, day: Int32, session: MarketSession?, at ns: Int64?) {
        out.pointee = edgehost_session_t(day: day, trades: session == nil ? 0 : 1, open_ns: session?.open ?? 0, close_ns: session?.close ?? 0,
                                         early_close: session?.isEarlyClose == true ? 1 : 0,
                                         in_session: session.map { s in ns.map { $0 >= s.open && $0 < s.close } ?? false } == true ? 1 : 0)
    }
}

private let localTime: edgehost_calendar_local_time_fn = { _, name, ns, out in
    guard let out, let zone = CalendarService.zone(name) else { return EDGEHOST_ERR_INVALID_ARGUMENT }
    let local = zone.localSeconds(nanoseconds: ns)
    let days = NewYorkCalendar.floorDivide(local, 86_400)
    let (y, m, d) = NewYorkCalendar.civil(days: days)
    let second = Int32(local - days * 86_400)
    out.pointee = edgehost_local_time_t(year: Int32(y), month: Int32(m), day: Int32(d), hour: second / 3600, minute: second / 60 % 60,
                                        second: second % 60, weekday: Int32(MarketDate.weekday(Int32(truncatingIfNeeded: days))),
                                        utc_offset_s: Int32(zone.offsetSeconds(nanoseconds: ns)), days: Int32(truncatingIfNeeded: days), reserved: 0)
    return EDGEHOST_OK
}

private let sessionOf: edgehost_calendar_session_of_fn = { _, c, ns, out in
    guard let out, let market = CalendarService.market(c) else { return EDGEHOST_ERR_INVALID_ARGUMENT }
    let day = market.day(ns)
    CalendarService.fill(out, day: day, session: market.calendar.session(on: day), at: ns)
    return EDGEHOST_OK
}

private let sessionOn: edgehost_calendar_session_on_fn = { _, c, day, out in
    guard let out, let market = CalendarService.market(c) else { return EDGEHOST_ERR_INVALID_ARGUMENT }
    CalendarService.fill(out, day: day, session: market.calendar.session(on: day), at: nil)
    return EDGEHOST_OK
}

private let instant: edgehost_calendar_instant_fn = { _, name, day, minute, out in
    guard let out, let zone = CalendarService.zone(name), (0...1440).contains(minute),
          (-106_000...106_000).contains(day) else { return EDGEHOST_ERR_INVALID_ARGUMENT }
    out.pointee = zone.instant(day: day, minute: Int(minute))
    return EDGEHOST_OK
}
