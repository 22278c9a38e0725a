import Indicators
import PackKit

/// close / (first open of the New York session) - 1.
let driftSinceOpen = Indicator(ComponentInfo(
    id: "drift_since_open", version: "0.1.0",
    description: "Return since the session's first open (New York sessions)",
    inputs: [.timestamp("ts"), .float64("open"), .float64("close")],
    outputs: [.float64("value", "close / session open - 1")]
)) { input, _ in
    let ts = try input.timestamps(), open = try input.float64("open"), close = try input.float64("close")
    var sessionOpen = Double.nan
    var day: Int32 = .min
    let out = Float64Column(count: input.rowCount) { out in
        for i in 0..<ts.count {
            let d = NewYorkCalendar.date(nanoseconds: ts[i])
            if d != day {
                day = d
                sessionOpen = open[i]
            }
            out[i] = close[i] / sessionOpen - 1
        }
    }
    return try Frame([.float64("value", out)])
}

/// Minutes since 09:30 New York time of the bar's start.
let minutesSinceOpen = Indicator(ComponentInfo(
    id: "minutes_since_open", version: "0.1.0",
    description: "Minutes since 09:30 America/New_York at the bar's start",
    inputs: [.timestamp("ts")],
    outputs: [.float64("value", "minutes; negative before the open")]
)) { input, _ in
    let ts = try input.timestamps()
    let out = Float64Column(count: ts.count) { out in
        for i in 0..<ts.count {
            let local = ts[i] + NewYorkCalendar.utcOffset(nanoseconds: ts[i]) * 1_000_000_000
            let minuteOfDay = (local / 60_000_000_000) % 1440
            out[i] = Double(minuteOfDay - 570)
        }
    }
    return try Frame([.float64("value", out)])
}
