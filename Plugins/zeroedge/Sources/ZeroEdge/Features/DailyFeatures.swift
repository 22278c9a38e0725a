import PackKit

/// Today's value as a z-score against the previous `period` sessions' values: raw gaps and
/// ranges change with the volatility regime, their z-scores much less.
struct DailyZScore {
    let period: Int
    /// Finite values of past sessions, oldest first (one per session, so at most a few
    /// hundred appends per call).
    private var history: [Double] = []

    init(period: Int) { self.period = period }

    /// (value − mean) / population deviation of the last `period` values; NaN while fewer
    /// exist or when they are flat (deviation below 1e-12).
    func score(_ value: Double) -> Double {
        guard value.isFinite, history.count >= period else { return .nan }
        let window = history[(history.count - period)...]
        let mean = window.reduce(0, +) / Double(period)
        let variance = window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(period)
        let deviation = variance.squareRoot()
        return deviation > 1e-12 ? (value - mean) / deviation : .nan
    }

    /// Adds a session's value; a NaN one (no data for it) is left out of later windows.
    mutating func append(_ value: Double) {
        if value.isFinite { history.append(value) }
    }
}

private let dailyPeriod = ParamSpec.int("period", default: 20, min: 2, max: 1_000, "previous sessions in the z-score window")

/// Lookback of a daily z-score over `period` earlier sessions: `period + 1` regular sessions of
/// bars. A row late in today's session needs the start of the session `period` sessions back
/// (its whole opening gap or range), so the history reaches a whole session past the `period`
/// before today; the host's history-invariance check holds this to account.
private func dailyLookback(period: Int64) -> Reach {
    Reach(bars: (period + 1) * NewYorkClock.sessionBars)
}

/// The default period's, for listing.
private let dailyDefault = Causality(lookbackBars: dailyLookback(period: 20).bars)

/// The overnight gap (first open / previous session's last close − 1) as a z-score against
/// the previous `period` gaps; the same value on every row of the session.
let openGapZ = Indicator(ComponentInfo(
    id: "open_gap_z", version: "1.0.0",
    description: "Opening gap (first open / previous session's last close - 1) z-scored against the previous `period` sessions' gaps",
    params: [dailyPeriod],
    inputs: [.timestamp("ts"), .float64("open"), .float64("close")],
    outputs: featureOutputs("z-score of today's gap; NaN until `period` earlier gaps exist"),
    causality: dailyDefault
), lookback: { params in dailyLookback(period: Int64(try params.int("period"))) }) { input, params in
    let ts = try input.timestamps(), open = try input.float64("open"), close = try input.float64("close")
    var gaps = DailyZScore(period: try params.int("period"))
    var session = SessionTracker()
    var lastClose = Double.nan, z = Double.nan
    return try featureFrame(Float64Column(count: ts.count) { out in
        for i in 0..<ts.count {
            if session.startsSession(ts[i]) {
                let gap = open[i] / lastClose - 1
                z = gaps.score(gap)
                gaps.append(gap)
                lastClose = .nan
            }
            if close[i].isFinite { lastClose = close[i] }
            out[i] = z
        }
    })
}

/// The opening range: (highest high − lowest low) / first open over the bars starting
/// 09:30–09:44 (the three 5-minute bars 09:30, 09:35, 09:40), z-scored against the previous
/// `period` sessions' ranges. Known when the 09:44 bar ends, so earlier rows are NaN.
let first15mRangeZ = Indicator(ComponentInfo(
    id: "first15m_range_z", version: "1.0.0",
    description: "First-15-minute range ((max high - min low) / first open, 09:30-09:45) z-scored against the previous `period` sessions",
    params: [dailyPeriod],
    inputs: [.timestamp("ts"), .float64("open"), .float64("high"), .float64("low")],
    outputs: featureOutputs("z-score of today's opening range; NaN on bars starting before 09:44 and until `period` earlier ranges exist"),
    causality: dailyDefault
), lookback: { params in dailyLookback(period: Int64(try params.int("period"))) }) { input, params in
    let ts = try input.timestamps(), open = try input.float64("open")
    let high = try input.float64("high"), low = try input.float64("low")
    let windowStart = NewYorkClock.openMinute, windowEnd = NewYorkClock.openMinute + 15
    var ranges = DailyZScore(period: try params.int("period"))
    var session = SessionTracker()
    var first = Double.nan, highest = -Double.infinity, lowest = Double.infinity
    var z = Double.nan, scored = false
    func range() -> Double { (highest - lowest) / first }
    return try featureFrame(Float64Column(count: ts.count) { out in
        for i in 0..<ts.count {
            if session.startsSession(ts[i]) {
                if i > 0 { ranges.append(range()) }
                (first, highest, lowest, z, scored) = (.nan, -.infinity, .infinity, .nan, false)
            }
            let minute = NewYorkClock.minuteOfDay(ts[i])
            if minute >= windowStart && minute < windowEnd {
                // Bars missing from the window are skipped: the range uses the bars present.
                if first.isNaN { first = open[i] }
                if high[i] > highest { highest = high[i] }
                if low[i] < lowest { lowest = low[i] }
            }
            // The row of the bar starting 09:44 is the first one known at 09:45.
            if minute >= windowEnd - 1 && !scored {
                z = ranges.score(range())
                scored = true
            }
            out[i] = scored ? z : .nan
        }
    })
}
