import MarketKit
import PackKit

/// Hourly 0DTE decisions: at each whole hour, where will SPY close, and what would buying the
/// ATM call, the ATM put, or nothing have returned by the close.
let directionToClose = Labeler(ComponentInfo(
    id: "direction_to_close", version: "1.0.0",
    description: "Direction from each whole New York hour to the session close (UP/DOWN/FLAT) and the return of buying the 0DTE ATM call or put",
    params: [
        .float("band", default: 0.001, min: 0, max: 0.1, "|close_T / entry - 1| below this is FLAT"),
        .int("first_hour", default: 10, min: 0, max: 23, "first decision hour, New York time"),
        .int("last_hour", default: 15, min: 0, max: 23, "last decision hour, New York time"),
        .float("cost_per_contract", default: 1.30, min: 0, max: 100, "round-trip commission and fees per contract, dollars"),
        .int("multiplier", default: 100, min: 1, max: 10_000, "shares per contract"),
    ],
    inputs: [.timestamp("ts"), .float64("close"), .float64(MarketFrame.atmStrike, allowsNaN: true),
             .float64(MarketFrame.atmCallAsk, allowsNaN: true), .float64(MarketFrame.atmPutAsk, allowsNaN: true)],
    outputs: [
        .timestamp("ts", "decision time: a whole New York hour"),
        .timestamp("label_end_ts", "end of the session's last bar"),
        .utf8("label", "UP, DOWN or FLAT"),
        .float64("outcome_call", allowsNaN: true, "return on the ATM call's premium at expiry, after costs; NaN without an ask"),
        .float64("outcome_put", allowsNaN: true, "return on the ATM put's premium at expiry, after costs; NaN without an ask"),
        .float64("outcome_none", "0: no trade"),
    ],
    causality: Causality(horizonNanoseconds: 7 * NewYorkClock.hour)
), horizon: { params in
    // From the first decision hour to the 16:00 close; never less than the default's 7 h.
    Reach(nanoseconds: max(7, 16 - Int64(try params.int("first_hour"))) * NewYorkClock.hour)
}) { bars, params in
    let rules = try DirectionRules(params)
    let input = try LabelInput(bars)
    var starts: [Int] = []
    var session = SessionTracker()
    for i in 0..<input.ts.count where session.startsSession(input.ts[i]) { starts.append(i) }
    var out = LabelColumns()
    var skipped: [String] = []
    for (start, end) in zip(starts, starts.dropFirst() + [input.ts.count]) {
        skipped += rules.label(session: start..<end, input, into: &out)
    }
    if !skipped.isEmpty {
        HostServices.log(.warn, "direction_to_close: \(skipped.count) decision(s) skipped: "
                         + skipped.prefix(5).joined(separator: ", ") + (skipped.count > 5 ? ", ..." : ""))
    }
    return try out.frame()
}

/// The columns the labeler reads.
struct LabelInput {
    let ts: Int64Column, close: Float64Column, strike: Float64Column, callAsk: Float64Column, putAsk: Float64Column

    init(_ bars: Frame) throws {
        ts = try bars.timestamps()
        close = try bars.float64("close")
        strike = try bars.float64(MarketFrame.atmStrike)
        callAsk = try bars.float64(MarketFrame.atmCallAsk)
        putAsk = try bars.float64(MarketFrame.atmPutAsk)
    }
}

/// The labeler's output, built row by row.
struct LabelColumns {
    var ts: [Int64] = [], end: [Int64] = [], label: [String] = []
    var call: [Double] = [], put: [Double] = []

    func frame() throws -> Frame {
        try Frame([.timestamp("ts", ts), .timestamp("label_end_ts", end), .utf8("label", label),
                   .float64("outcome_call", call), .float64("outcome_put", put),
                   .float64("outcome_none", [Double](repeating: 0, count: ts.count))])
    }
}
