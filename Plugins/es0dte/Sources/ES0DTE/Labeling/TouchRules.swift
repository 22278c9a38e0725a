import PackKit

/// The labeler's parameters, read once.
struct TouchRules {
    /// Half-width of the interaction zone around a level, points (stage 6).
    var zone = 2.5
    /// Triple-barrier distance, points (3 strikes of 5).
    var target = 15.0
    var horizonMinutes = 60
    var openingRangeMinutes = 15
    /// Decisions on bars starting from 09:30 up to (not including) 09:30 + this (13:30 at 240; stage 15).
    var lastDecisionMinute = 240
    var approachWindow = 5
    var atrPeriod = 14
    /// Round-trip cost of a trade, points (commission and one tick of slippage).
    var costPoints = 0.5

    static let params: [ParamSpec] = [
        .float("zone", default: 2.5, min: 0.25, max: 50, "half-width of the interaction zone around a level, points"),
        .float("target", default: 15, min: 0.25, max: 500, "triple-barrier distance, points (BREAK through / BOUNCE away)"),
        .int("horizon_minutes", default: 60, min: 1, max: 390, "TIMEOUT after this many minutes"),
        .int("opening_range_minutes", default: 15, min: 1, max: 120, "length of the opening range from 09:30 New York"),
        .int("last_decision_minutes", default: 240, min: 1, max: 390, "decisions on bars from 09:30 to 09:30 + this (13:30)"),
        .int("approach_window", default: 5, min: 1, max: 60, "bars of the approach for tape, OFI and mass"),
        .int("atr_period", default: 14, min: 1, max: 390, "RTH bars in the ATR"),
        .float("cost_points", default: 0.5, min: 0, max: 100, "round-trip cost of a trade, points"),
    ]

    init() {}

    init(_ p: Params) throws {
        zone = try p.double("zone"); target = try p.double("target")
        horizonMinutes = try p.int("horizon_minutes"); openingRangeMinutes = try p.int("opening_range_minutes")
        lastDecisionMinute = try p.int("last_decision_minutes"); approachWindow = try p.int("approach_window")
        atrPeriod = try p.int("atr_period"); costPoints = try p.double("cost_points")
    }
}
