import MarketKit
import PackKit

/// The put-breach labeler: one decision per (session, decision time, ladder strike), keyed by
/// the strike; BREACHED when SPX closes below the strike, with the realised return of selling
/// the put at the bid (after fees) and the decision's features as row features.
let putBreach = Labeler(ComponentInfo(
    id: "put_breach", version: "1.0.0",
    description: "SPXW 0DTE puts 0.5 %-3 % below spot at each chain snapshot: BREACHED (close < strike) or SAFE, "
        + "the outcome of selling the put at the bid, and the ladder's features (docs/rows.md)",
    params: BreachRules.params,
    inputs: PutBars.outputSpecs,
    outputs: [
        .timestamp("ts", "decision time: the end of the bar carrying the chain snapshot"),
        .timestamp("label_end_ts", "the session close (the 0DTE expiry)"),
        .utf8("label", "BREACHED (close < strike) or SAFE"),
        .utf8("key", "the strike, P + six digits (P004470)"),
        .float64("outcome_sell_put", "(bid - fees - max(strike - close, 0)) / strike: selling one put, cash-secured"),
        .float64("outcome_none", "0: no trade"),
    ] + BreachRows.featureNames.map { .float64($0, allowsNaN: true) } + BreachRows.qaNames.map { .float64($0, allowsNaN: true) },
    causality: Causality(horizonNanoseconds: 390 * MarketFrame.bar)
), horizon: { _ in
    // A decision at the open waits for the close: a full session.
    Reach(nanoseconds: 390 * MarketFrame.bar)
}) { frame, params in
    try LadderScanner(rules: try BreachRules(params), bars: try PutBars(frame)).scan().frame()
}
