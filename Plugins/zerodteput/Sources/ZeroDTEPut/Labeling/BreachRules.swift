import PackKit

/// The labeler's parameters: when decisions are taken and what selling a put costs.
struct BreachRules {
    /// No decision in the session's first minutes (the chain's vol has no intraday history yet).
    var firstDecisionMinutes: Int
    /// No decision in the session's last minutes.
    var lastDecisionMinutes: Int
    /// Realised volatility over this many 1-minute returns of the session.
    var volWindow: Int
    /// Fees per contract in index points ($1.30 with the ×100 multiplier is 0.013).
    var feePoints: Double

    static let params: [ParamSpec] = [
        .int("first_decision_minutes", default: 30, min: 1, max: 389, "minutes after the open before the first decision"),
        .int("last_decision_minutes", default: 30, min: 1, max: 389, "no decision closer than this to the close"),
        .int("vol_window", default: 30, min: 2, max: 390, "1-minute returns in the realised volatility"),
        .float("fee_points", default: 0.013, min: 0, max: 10, "fees per contract in index points (after the bid/ask, which the bid already pays)"),
    ]

    init(_ params: Params) throws {
        firstDecisionMinutes = try params.int("first_decision_minutes")
        lastDecisionMinutes = try params.int("last_decision_minutes")
        volWindow = try params.int("vol_window")
        feePoints = try params.double("fee_points")
    }

    init(firstDecisionMinutes: Int = 30, lastDecisionMinutes: Int = 30, volWindow: Int = 30, feePoints: Double = 0.013) {
        self.firstDecisionMinutes = firstDecisionMinutes
        self.lastDecisionMinutes = lastDecisionMinutes
        self.volWindow = volWindow
        self.feePoints = feePoints
    }
}
