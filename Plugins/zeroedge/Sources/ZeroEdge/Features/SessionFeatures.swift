import PackKit

/// close / (open of the session's first row) − 1: how far the day has drifted.
let driftSinceOpen = Indicator(ComponentInfo(
    id: "drift_since_open", version: "1.0.0",
    description: "Return since the session's first open: close / first open of the New York date - 1",
    inputs: [.timestamp("ts"), .float64("open"), .float64("close")],
    outputs: featureOutputs("close / session open - 1; NaN until the session has a finite open"),
    causality: Causality(lookbackBars: NewYorkClock.sessionBars)
)) { input, _ in
    let ts = try input.timestamps(), open = try input.float64("open"), close = try input.float64("close")
    var session = SessionTracker()
    var sessionOpen = Double.nan
    return try featureFrame(Float64Column(count: ts.count) { out in
        for i in 0..<ts.count {
            if session.startsSession(ts[i]) { sessionOpen = .nan }
            // A missing first open is replaced by the next finite one, never by a later row's.
            if sessionOpen.isNaN { sessionOpen = open[i] }
            out[i] = close[i] / sessionOpen - 1
        }
    })
}

/// Minutes from 09:30 New York to the bar's start (0 for the first bar of a regular session).
let minutesSinceOpen = Indicator(ComponentInfo(
    id: "minutes_since_open", version: "1.0.0",
    description: "Minutes since 09:30 America/New_York at the bar's start",
    inputs: [.timestamp("ts")],
    outputs: featureOutputs("minutes; 0 for the 09:30 bar, negative before the open")
)) { input, _ in
    let ts = try input.timestamps()
    return try featureFrame(Float64Column(count: ts.count) { out in
        for i in 0..<ts.count { out[i] = Double(NewYorkClock.minuteOfDay(ts[i]) - NewYorkClock.openMinute) }
    })
}

/// The New York hour at which the row becomes known (the bar's end): the 09:59 bar gives 10.
let hourOfDay = Indicator(ComponentInfo(
    id: "hour_of_day", version: "1.0.0",
    description: "New York hour (0-23) of the bar's end, when the row is known: bar 09:59 -> 10",
    inputs: [.timestamp("ts")],
    outputs: featureOutputs("whole hour of ts + 1 minute, America/New_York")
)) { input, _ in
    let ts = try input.timestamps()
    return try featureFrame(Float64Column(count: ts.count) { out in
        for i in 0..<ts.count { out[i] = Double(NewYorkClock.minuteOfDay(ts[i] + NewYorkClock.minute) / 60) }
    })
}
