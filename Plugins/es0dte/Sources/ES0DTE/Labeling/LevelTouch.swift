import PackKit

/// The level-touch labeler: one decision per level touch (several at one instant when levels
/// coincide, keyed by event id), its row features and QA facts, and its triple-barrier label.
let levelTouch = Labeler(ComponentInfo(
    id: "level_touch", version: "1.0.0",
    description: "ES level touches (PM/OR high/low, SMA 200/400 on 2-minute bars) 09:30-13:30 New York: BREAK / BOUNCE / TIMEOUT "
        + "by 15 points first (triple barrier), with the physics of the approach as row features (docs/stages.md)",
    params: TouchRules.params,
    inputs: ESBars.outputSpecs.filter { $0.name != "contract" },
    outputs: [
        .timestamp("ts", "decision time: the close of the bar whose close entered the level's zone"),
        .timestamp("label_end_ts", "close of the bar that hit a barrier, or decision + horizon for TIMEOUT"),
        .utf8("label", "BREAK, BOUNCE or TIMEOUT"),
        .utf8("key", "event id: date, decision time (New York), level kind and price"),
        .float64("outcome_break", "return of trading the break (through the level), after costs"),
        .float64("outcome_bounce", "return of trading the bounce (away from the level), after costs"),
        .float64("outcome_none", "0: no trade"),
        .utf8("level_kind", "PM_HIGH, PM_LOW, OR_HIGH, OR_LOW, SMA_200 or SMA_400 (for `edgehost events`)"),
        .utf8("direction", "from_below or from_above (for `edgehost events`)"),
    ] + EventRows.featureNames.map { .float64($0, allowsNaN: true) } + EventRows.qaNames.map { .float64($0, allowsNaN: true) },
    // Lookback: the SMA_400 level's 400 two-minute closes (2·400 + 2 one-minute bars); every
    // other stage reads only its own session. The host's per-date partitions rely on it.
    causality: Causality(lookbackBars: 802, horizonNanoseconds: 60 * SessionClock.minute)
), horizon: { params in
    Reach(nanoseconds: Int64(try params.int("horizon_minutes")) * SessionClock.minute)
}) { frame, params in
    let scanner = TouchScanner(rules: try TouchRules(params), bars: try ESBars(frame), zone: try SessionClock.newYork())
    return try scanner.scan().frame()
}
