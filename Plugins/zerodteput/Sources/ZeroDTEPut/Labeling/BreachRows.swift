import PackKit

/// The labeler's output rows: one per (decision time, ladder strike), in (ts, key) order.
public struct BreachRows: Sendable {
    public var ts: [Int64] = [], end: [Int64] = [], label: [String] = [], key: [String] = []
    public var outcomeSell: [Double] = []
    /// Row features (`x_…`) and QA facts (`qa_…`), in `featureNames` / `qaNames` order.
    public var features: [[Double]] = Array(repeating: [], count: BreachRows.featureNames.count)
    public var qa: [[Double]] = Array(repeating: [], count: BreachRows.qaNames.count)

    public static let featureNames = ["x_strike_return", "x_minutes_to_close", "x_realized_vol", "x_implied_vol", "x_atm_iv",
                                      "x_put_mid", "x_put_credit", "x_put_delta", "x_put_gamma", "x_put_theta", "x_put_vega",
                                      "x_distance_sd", "x_trend_session", "x_trend_30m", "x_rn_breach"]
    public static let qaNames = ["qa_ladder_complete", "qa_rn_breach", "qa_credit"]

    public var count: Int { ts.count }

    /// Feature `name` of every row.
    public func feature(_ name: String) -> [Double] { features[BreachRows.featureNames.firstIndex(of: name)!] }

    func frame() throws -> Frame {
        var columns: [Column] = [.timestamp("ts", ts), .timestamp("label_end_ts", end), .utf8("label", label), .utf8("key", key),
                                 .float64("outcome_sell_put", outcomeSell),
                                 .float64("outcome_none", [Double](repeating: 0, count: ts.count))]
        columns += zip(BreachRows.featureNames, features).map { .float64($0, $1) }
        columns += zip(BreachRows.qaNames, qa).map { .float64($0, $1) }
        return try Frame(columns)
    }

    /// "P004470" for the 4470 strike: fixed width, so keys sort like the strikes.
    static func key(strike: Double) -> String {
        let digits = Facts.decimal(strike, 0)
        return "P" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
