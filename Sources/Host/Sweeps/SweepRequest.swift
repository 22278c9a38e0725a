import PackKit

/// The grid of a sweep: every non-empty subset of the hours × thresholds × top-% × risk profiles.
public struct SweepRequest: Sendable {
    public var hours: [Int]
    public var thresholds: [Double]
    /// nil in the list = no top-% filter.
    public var topPcts: [Double?]
    public var profiles: [RiskBudget]
    public var splits: Int
    public var tag: String
    /// Models learn from every hour of the grid; subsets only change what trades.
    public var policy: TrainingPolicy
    /// The least a fold trains on (fewer splits are used when a fold would have less).
    public var minimum = MinimumTraining.standard

    /// `maxConfigs` caps the grid (`SweepLimit`); the size is checked before anything runs.
    public init(hours: [Int], thresholds: [Double], topPcts: [Double?], profiles: [RiskBudget], splits: Int, tag: String,
                maxConfigs: Int = SweepLimit.defaultMax) throws {
        guard !hours.isEmpty, hours.count <= 8 else { throw WorkspaceError("a sweep takes 1 to 8 hours (their subsets are swept), got \(hours.count)") }
        guard tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !tag.isEmpty else {
            throw WorkspaceError("--tag '\(tag)' may use letters, digits, '_' and '-' only")
        }
        _ = try BacktestRequest(thresholds: thresholds, splits: splits, allowedHours: hours,
                                topPct: topPcts.compactMap { $0 }.max(), policy: TrainingPolicy(allowedHours: hours))
        guard !profiles.isEmpty else { throw WorkspaceError("a sweep needs at least one risk profile") }
        self.hours = Array(Set(hours)).sorted()
        self.thresholds = Array(Set(thresholds)).sorted()
        self.topPcts = topPcts.isEmpty ? [nil] : topPcts
        self.profiles = profiles
        self.splits = splits
        self.tag = tag
        policy = TrainingPolicy(allowedHours: self.hours)
        configurationCount = try SweepLimit.check(factors, max: maxConfigs)
    }

    /// How many configurations the grid holds (checked against the cap).
    public private(set) var configurationCount = 0

    /// The grid's dimensions, for the size check and the announcement.
    public var factors: [(name: String, count: Int)] {
        [("risk profiles", profiles.count), ("hour sets", (1 << hours.count) - 1), ("thresholds", thresholds.count), ("top-%", topPcts.count)]
    }

    public var hourSets: [[Int]] { Self.subsets(hours) }

    /// Non-empty subsets of `hours` (sorted), smallest first, then in hour order.
    public static func subsets(_ hours: [Int]) -> [[Int]] {
        (1..<(1 << hours.count)).map { mask in hours.indices.filter { mask & (1 << $0) != 0 }.map { hours[$0] } }
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
    }

    /// Every configuration, in a fixed order.
    public var configurations: [(profile: RiskBudget, rules: TradeRules)] {
        profiles.flatMap { profile in
            hourSets.flatMap { hours in
                thresholds.flatMap { t in
                    topPcts.map { top in
                        (profile, TradeRules(threshold: t, allowedHours: hours, topPct: top,
                                             maxTradesPerDay: profile.maxTradesPerDay, positionSize: profile.positionSize))
                    }
                }
            }
        }
    }

    public var json: JSON {
        .object([
            "hours": .array(hours.map { .number(Double($0)) }), "thresholds": .array(thresholds.map(JSON.number)),
            "top_pcts": .array(topPcts.map { $0.map(JSON.number) ?? .null }), "risk_profiles": .array(profiles.map(\.json)),
            "splits": .number(Double(splits)), "tag": .string(tag), "policy": policy.json, "min_training": minimum.json,
        ])
    }
}
