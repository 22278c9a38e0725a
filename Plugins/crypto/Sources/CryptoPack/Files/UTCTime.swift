import MarketKit

/// `YYYY-MM-DDTHH:MM:SSZ` (what Binance exports and the shared data holds) ↔ UTC nanoseconds.
enum UTCTime {
    static func parse(_ text: Substring) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let day = MarketDate.parse(String(text.prefix(10))) else { return nil }
        func two(_ at: Int) -> Int64? {
            let (a, b) = (bytes[at], bytes[at + 1])
            guard (48...57).contains(a), (48...57).contains(b) else { return nil }
            return Int64(a - 48) * 10 + Int64(b - 48)
        }
        guard let h = two(11), let m = two(14), let s = two(17), h < 24, m < 60, s < 60 else { return nil }
        return (Int64(day) * 86_400 + h * 3_600 + m * 60 + s) * 1_000_000_000
    }

    static func format(_ ns: Int64) -> String {
        let seconds = ns / 1_000_000_000
        let day = Int32((seconds - (seconds % 86_400 + 86_400) % 86_400) / 86_400)
        let s = (seconds % 86_400 + 86_400) % 86_400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(MarketDate.format(day))T\(two(s / 3_600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
    }
}
