import MarketKit

/// ES quarterly contracts (March, June, September, December; expiring on the third Friday)
/// and the roll: the front month becomes the next contract on the Thursday eight days before
/// expiry, as CME's roll calendar does.
enum Contracts {
    static let monthCodes: [Int: Character] = [3: "H", 6: "M", 9: "U", 12: "Z"]

    /// "ESU4" for September 2024.
    static func symbol(year: Int, month: Int) -> String {
        "ES\(monthCodes[month] ?? "?")\(year % 10)"
    }

    /// The third Friday of a month, as a day number.
    static func expiry(year: Int, month: Int) -> Int32 {
        let first = MarketDate.parse("\(year)-\(month < 10 ? "0" : "")\(month)-01")!
        let weekday = MarketDate.weekday(first) // 0 = Sunday
        let firstFriday = first + Int32((5 - weekday + 7) % 7)
        return firstFriday + 14
    }

    /// The front and the next (back) contract on `day`.
    static func frontAndBack(on day: Int32) -> (front: String, back: String) {
        let text = MarketDate.format(day)
        var year = Int(text.prefix(4)) ?? 2024
        var month = ((Int(text.dropFirst(5).prefix(2)) ?? 1) + 2) / 3 * 3
        if day >= expiry(year: year, month: month) - 8 { (year, month) = month == 12 ? (year + 1, 3) : (year, month + 3) }
        let next = month == 12 ? (year + 1, 3) : (year, month + 3)
        return (symbol(year: year, month: month), symbol(year: next.0, month: next.1))
    }
}
