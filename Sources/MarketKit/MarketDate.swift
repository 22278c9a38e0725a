import Indicators

/// New York calendar dates as text ("YYYY-MM-DD") ↔ days since 1970-01-01, the form queries and
/// reports use. Integer-only, so it is cheap in loops.
public enum MarketDate {
    /// The years a date may have: instants are Int64 nanoseconds since 1970, which reach
    /// 1677-09-21 … 2262-04-11, so only whole years inside that range are accepted.
    public static let years: ClosedRange<Int64> = 1678...2261

    /// "2024-07-01" → days since 1970-01-01; nil if malformed (wrong shape, month or day out of
    /// range) or outside `years`.
    public static func parse(_ text: String) -> Int32? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for i in range {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              years.contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return Int32(NewYorkCalendar.days(year: year, month: month, day: day))
    }

    public static func format(_ day: Int32) -> String {
        let (y, m, d) = NewYorkCalendar.civil(days: Int64(day))
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    public static func weekday(_ day: Int32) -> Int {
        let w = (Int(day) + 4) % 7
        return w < 0 ? w + 7 : w
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
