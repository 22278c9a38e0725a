import Foundation
import PluginAPI

/// The market a Swift data adapter declares (ABI 1.1 `edgehost_market_t`): IANA time zone,
/// session calendar ("nyse", "cme-globex", "24x7", "custom") and bar length. The host takes
/// every date and hour of a model built on the adapter's bars from it. Immutable after init
/// (hence Sendable): the C struct is written once and only read.
public final class AdapterMarket: @unchecked Sendable {
    public struct Window: Sendable, Equatable {
        public var openMinute: Int32
        public var closeMinute: Int32
        /// Bit 0 = Sunday (`EDGEHOST_WEEKDAYS_MON_FRI`, `EDGEHOST_WEEKDAYS_ALL`).
        public var weekdays: UInt32

        public init(openMinute: Int32, closeMinute: Int32, weekdays: UInt32) {
            (self.openMinute, self.closeMinute, self.weekdays) = (openMinute, closeMinute, weekdays)
        }
    }

    public let timeZone: String
    public let calendar: String
    public let barNanoseconds: Int64
    public let windows: [Window]
    /// The C struct handed to the host; lives as long as this object (the adapter's definition).
    let pointer: UnsafeMutablePointer<edgehost_market_t>
    private let strings: [UnsafeMutablePointer<CChar>]
    private let cWindows: UnsafeMutablePointer<edgehost_session_window_t>

    public init(timeZone: String, calendar: String, barNanoseconds: Int64, windows: [Window] = []) {
        (self.timeZone, self.calendar, self.barNanoseconds, self.windows) = (timeZone, calendar, barNanoseconds, windows)
        strings = [strdup(timeZone)!, strdup(calendar)!]
        cWindows = .allocate(capacity: max(windows.count, 1))
        for (i, w) in windows.enumerated() {
            (cWindows + i).initialize(to: edgehost_session_window_t(open_minute: w.openMinute, close_minute: w.closeMinute,
                                                                    weekdays: w.weekdays, reserved: 0))
        }
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: edgehost_market_t(header: .current(for: edgehost_market_t.self), time_zone: strings[0], calendar: strings[1],
                                                 bar_ns: barNanoseconds, window_count: UInt32(windows.count), reserved: 0,
                                                 windows: windows.isEmpty ? nil : UnsafePointer(cWindows)))
    }

    /// NYSE regular sessions in America/New_York, one-minute bars.
    /// NYSE in America/New_York, bars of no fixed length (snapshots, chains).
    public static let nyse = AdapterMarket(timeZone: "America/New_York", calendar: "nyse", barNanoseconds: 0)

    public static let nyseMinutes = AdapterMarket(timeZone: "America/New_York", calendar: "nyse", barNanoseconds: 60_000_000_000)

    deinit {
        pointer.deallocate()
        cWindows.deallocate()
        strings.forEach { free($0) }
    }
}
