import MarketKit
import PackKit

/// The labeler's output rows: one per level touch, in (ts, key) order.
struct EventRows {
    var ts: [Int64] = [], end: [Int64] = [], label: [String] = [], key: [String] = []
    var outcomeBreak: [Double] = [], outcomeBounce: [Double] = []
    /// Row features (`x_…`), by name, in `EventRows.featureNames` order.
    var features: [[Double]] = Array(repeating: [], count: EventRows.featureNames.count)
    var qa: [[Double]] = Array(repeating: [], count: EventRows.qaNames.count)
    /// For `events`: the level kind and the direction of each row.
    var levelKind: [String] = [], direction: [String] = []

    static let featureNames = ["x_level_kind", "x_direction", "x_barrier", "x_barrier_ratio", "x_tape", "x_fuel",
                               "x_velocity", "x_acceleration", "x_jerk", "x_ofi", "x_gex_1", "x_gex_2", "x_gex_3",
                               "x_force", "x_mass", "x_fma_residual", "x_minutes_since_open", "x_time_in_zone",
                               "x_approach_count", "x_atr"] + LevelKind.allCases.map { "x_dist_\($0.name.lowercased())" }
    static let qaNames = ["qa_purity", "qa_atr_premarket_bars", "qa_clock_0930", "qa_physics"]

    var count: Int { ts.count }

    func frame() throws -> Frame {
        var columns: [Column] = [.timestamp("ts", ts), .timestamp("label_end_ts", end), .utf8("label", label), .utf8("key", key),
                                 .float64("outcome_break", outcomeBreak), .float64("outcome_bounce", outcomeBounce),
                                 .float64("outcome_none", [Double](repeating: 0, count: ts.count)),
                                 .utf8("level_kind", levelKind), .utf8("direction", direction)]
        columns += zip(EventRows.featureNames, features).map { .float64($0, $1) }
        columns += zip(EventRows.qaNames, qa).map { .float64($0, $1) }
        return try Frame(columns)
    }

    /// The event id: date, decision time (New York), level kind and price; sorts like (ts, key).
    static func eventID(day: Int32, decisionMinute: Int, kind: LevelKind, level: Double) -> String {
        "\(MarketDate.format(day))T\(SessionClock.hhmm(decisionMinute))-\(kind.name)@\(Facts.decimal(level, 2))"
    }
}
