import Foundation
import PackKit

/// Seeded 1-minute bars of New York regular sessions (09:30–16:00, Monday to Friday, no
/// holiday calendar) between the query's `start` and `end` dates: a file-free adapter, so
/// `edgehost run --pack mypack` works offline. A real pack reads files or a service here.
let sessionBars = DataAdapter(ComponentInfo(
    id: "session-bars", description: "Seeded random-walk 1-minute bars of New York weekday sessions between start and end",
    params: [.int("seed", default: 1, min: 0, "random seed"), .float("volatility", default: 0.0006, min: 0, max: 0.1, "per-bar return std")],
    outputs: [.timestamp("ts"), .float64("open"), .float64("high"), .float64("low"), .float64("close"), .float64("volume")]
)) { query, params in
    let days = try SessionDays(query)
    var walk = PriceWalk(seed: UInt64(try params.int("seed")), volatility: try params.double("volatility"))
    // One batch per session, as an adapter reading daily files would stream them.
    return FrameList(try days.sessionOpens().map { open in try walk.session(opening: open) })
}

/// The session dates a query asks for.
struct SessionDays {
    let first: Date, last: Date
    static let newYork = TimeZone(identifier: "America/New_York")!

    init(_ query: JSON) throws {
        guard let start = query["start"]?.stringValue, let end = query["end"]?.stringValue else {
            throw ComponentError("query needs 'start' and 'end' dates (YYYY-MM-DD), got \(query.text)")
        }
        first = try Self.date(start, "start")
        last = try Self.date(end, "end")
        guard first <= last else { throw ComponentError("query start \(start) is after end \(end)") }
    }

    static func date(_ text: String, _ key: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = newYork
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else { throw ComponentError("query \(key) '\(text)' is not a YYYY-MM-DD date") }
        return date
    }

    /// 09:30 New York of every weekday from first to last, in UTC nanoseconds.
    func sessionOpens() throws -> [Int64] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.newYork
        var opens: [Int64] = []
        var day = first
        while day <= last {
            if !calendar.isDateInWeekend(day), let open = calendar.date(bySettingHour: 9, minute: 30, second: 0, of: day),
               let seconds = Int64(exactly: open.timeIntervalSince1970.rounded()) {
                opens.append(seconds * 1_000_000_000)
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return opens
    }
}

/// A seeded random walk that carries its price from one session to the next.
struct PriceWalk {
    var rng: SeededRandom
    let volatility: Double
    var price = 100.0

    init(seed: UInt64, volatility: Double) {
        rng = SeededRandom(seed: seed)
        self.volatility = volatility
    }

    struct Bar {
        var open, high, low, close, volume: Double
    }

    /// The 390 one-minute bars of the session opening at `open` (UTC nanoseconds).
    mutating func session(opening open: Int64) throws -> Frame {
        let bars = (0..<390).map { _ in next() }
        let prices: [(String, KeyPath<Bar, Double>)] = [("open", \.open), ("high", \.high), ("low", \.low), ("close", \.close), ("volume", \.volume)]
        return try Frame([.timestamp("ts", (0..<390).map { open + Int64($0) * 60_000_000_000 })]
                         + prices.map { name, field in .float64(name, bars.map { $0[keyPath: field] }) })
    }

    /// One bar: opens at the last close, its wicks reach half a step beyond the body.
    mutating func next() -> Bar {
        let first = price
        price *= 1 + volatility * rng.normal()
        let reach = abs(rng.normal()) * volatility / 2 * price
        return Bar(open: first, high: max(first, price) + reach, low: min(first, price) - reach, close: price,
                   volume: Double(5_000 + rng.next() % 20_000))
    }
}
