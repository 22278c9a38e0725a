import PackKit

/// A bar length the pack serves: `1m` or `5m`.
enum Timeframe: String, Sendable, CaseIterable {
    case oneMinute = "1m", fiveMinutes = "5m"

    var nanoseconds: Int64 { self == .oneMinute ? 60_000_000_000 : 300_000_000_000 }

    init(param text: String) throws(ComponentError) {
        guard let tf = Timeframe(rawValue: text) else {
            throw ComponentError("parameter 'timeframe' must be \"1m\" or \"5m\", got '\(text)'")
        }
        self = tf
    }
}
