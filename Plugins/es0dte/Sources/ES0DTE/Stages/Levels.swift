/// The levels of a session (stage 5), each known from a given bar on:
/// PM_HIGH / PM_LOW: high and low of the 04:00–09:30 New York bars, known from the 09:30 bar;
/// OR_HIGH / OR_LOW: high and low of the opening range, the first `openingRangeMinutes` (15)
/// RTH minutes, known from the bar after it (09:45); SMA_200 / SMA_400: the moving averages
/// of 2-minute closes (`TwoMinuteBars`), as of each bar.
enum LevelKind: Int, CaseIterable, Sendable {
    case pmHigh, pmLow, orHigh, orLow, sma200, sma400

    var name: String {
        switch self {
        case .pmHigh: "PM_HIGH"
        case .pmLow: "PM_LOW"
        case .orHigh: "OR_HIGH"
        case .orLow: "OR_LOW"
        case .sma200: "SMA_200"
        case .sma400: "SMA_400"
        }
    }
}

/// A session's static levels as they become known.
struct SessionLevels {
    var premarket: (high: Double, low: Double)?
    var openingRange: (high: Double, low: Double)?
    var openingRangeComplete = false
    let openingRangeMinutes: Int

    init(openingRangeMinutes: Int) { self.openingRangeMinutes = openingRangeMinutes }

    /// Records the bar starting at New York minute `minute` (call in time order, after reading levels for it).
    mutating func record(high: Double, low: Double, minute: Int) {
        if minute < SessionClock.rthOpen {
            premarket = premarket.map { (max($0.high, high), min($0.low, low)) } ?? (high, low)
        } else if minute < SessionClock.rthOpen + openingRangeMinutes {
            openingRange = openingRange.map { (max($0.high, high), min($0.low, low)) } ?? (high, low)
        } else {
            openingRangeComplete = true
        }
    }

    /// The static level of `kind` visible at a bar starting at `minute`, NaN when not known yet.
    func value(_ kind: LevelKind, minute: Int) -> Double {
        switch kind {
        case .pmHigh: minute >= SessionClock.rthOpen ? premarket?.high ?? .nan : .nan
        case .pmLow: minute >= SessionClock.rthOpen ? premarket?.low ?? .nan : .nan
        case .orHigh: minute >= SessionClock.rthOpen + openingRangeMinutes ? openingRange?.high ?? .nan : .nan
        case .orLow: minute >= SessionClock.rthOpen + openingRangeMinutes ? openingRange?.low ?? .nan : .nan
        case .sma200, .sma400: .nan
        }
    }
}
