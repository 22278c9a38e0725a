/// Text forms of DBN values: prices as decimals, times as ISO 8601 with nanoseconds. Pure
/// integer arithmetic, so the output is the same on every machine.
public enum DBNFormat {
    /// `UNDEF_PRICE`: the null fixed-point price.
    public static let undefinedPrice = Int64.max
    /// `UNDEF_TIMESTAMP`: the null time.
    public static let undefinedTimestamp = UInt64.max

    /// `4799.250000000` (nine decimals, as Databento prints prices); nil for `UNDEF_PRICE`.
    public static func price(_ raw: Int64) -> String? {
        guard raw != undefinedPrice else { return nil }
        let magnitude = raw.magnitude
        let fraction = String(magnitude % 1_000_000_000)
        return "\(raw < 0 ? "-" : "")\(magnitude / 1_000_000_000).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
    }

    /// The price as a Double (NaN for `UNDEF_PRICE`).
    public static func priceValue(_ raw: Int64) -> Double {
        raw == undefinedPrice ? .nan : Double(raw) / 1e9
    }

    /// `2023-12-25T23:00:00.123456789Z`; nil for `UNDEF_TIMESTAMP`.
    public static func timestamp(_ nanoseconds: UInt64) -> String? {
        guard nanoseconds != undefinedTimestamp else { return nil }
        let seconds = nanoseconds / 1_000_000_000
        let days = Int64(seconds / 86_400)
        let secondOfDay = Int(seconds % 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(Int(nanoseconds % 1_000_000_000), 9))Z"
    }

    /// `2023-12-25` from the YYYYMMDD integer of a symbol mapping.
    public static func date(_ yyyymmdd: UInt32) -> String {
        "\(pad(Int(yyyymmdd / 10_000), 4))-\(pad(Int(yyyymmdd / 100 % 100), 2))-\(pad(Int(yyyymmdd % 100), 2))"
    }

    /// A `c_char` field: its character, or "" for NUL.
    public static func char(_ byte: UInt8) -> String {
        byte == 0 ? "" : String(UnicodeScalar(byte))
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
    static func civilDate(daysSinceEpoch: Int64) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension DBNColumn {
    /// Row `row` as text: decimals for prices, ISO 8601 for times, the character of a `c_char`,
    /// the integer otherwise; nil for an undefined price or time.
    public func text(_ row: Int) -> String? {
        switch values {
        case .int64(let v) where field.role == .price: DBNFormat.price(v[row])
        case .uint64(let v) where field.role == .timestamp: DBNFormat.timestamp(v[row])
        case .uint8(let v) where field.type == .char: DBNFormat.char(v[row])
        default: rawText(row)
        }
    }

    /// Row `row` as stored: integers in decimal (no scaling), a `c_char` as its character (NUL included).
    public func rawText(_ row: Int) -> String {
        switch values {
        case .uint8(let v): field.type == .char ? String(UnicodeScalar(v[row])) : String(v[row])
        case .int8(let v): String(v[row])
        case .uint16(let v): String(v[row])
        case .int16(let v): String(v[row])
        case .uint32(let v): String(v[row])
        case .int32(let v): String(v[row])
        case .uint64(let v): String(v[row])
        case .int64(let v): String(v[row])
        case .text(let v): v[row]
        }
    }
}
