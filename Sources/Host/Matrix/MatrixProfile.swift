import PackKit

/// Figures about a built matrix that a researcher checks before training: NaN share per
/// feature, label balance, coverage by day and by hour.
public struct MatrixProfile: Sendable {
    public let build: MatrixBuild

    public init(_ build: MatrixBuild) { self.build = build }

    var matrix: Matrix { build.matrix }

    /// Percent of decision rows where each feature is NaN.
    public var nanPercent: [String: Double] {
        var out: [String: Double] = [:]
        for (name, column) in zip(matrix.featureNames, matrix.features) {
            let missing = column.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            out[name] = column.isEmpty ? 100 : 100 * Double(missing) / Double(column.count)
        }
        return out
    }

    public var labelBalance: [String: Int] {
        matrix.labels.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// Per trading day of the market: adapter rows and decisions; per market-local decision hour: decisions and the
    /// mean NaN share over features. Days with fewer rows than the median are listed.
    public var coverage: JSON {
        var decisionsByDay: [Int32: Int] = [:]
        var byHour: [Int: (rows: Int, nan: Int)] = [:]
        for row in 0..<matrix.rowCount {
            decisionsByDay[build.market.day(matrix.ts[row]), default: 0] += 1
            let hour = build.market.hour(matrix.ts[row])
            let nan = matrix.features.reduce(0) { $0 + ($1[row].isNaN ? 1 : 0) }
            byHour[hour, default: (0, 0)].rows += 1
            byHour[hour, default: (0, 0)].nan += nan
        }
        let days = Set(build.barsByDay.keys).union(decisionsByDay.keys).sorted()
        let counts = days.map { build.barsByDay[$0] ?? 0 }.sorted()
        let median = counts.isEmpty ? 0 : counts[counts.count / 2]
        let short = days.filter { (build.barsByDay[$0] ?? 0) < median }
        let features = max(matrix.featureNames.count, 1)
        return .object([
            "days": .array(days.map { day in
                .object(["date": .string(Timestamps.date(day)), "bars": .number(Double(build.barsByDay[day] ?? 0)),
                         "decisions": .number(Double(decisionsByDay[day] ?? 0))])
            }),
            "hours": .object(Dictionary(uniqueKeysWithValues: byHour.map { hour, v in
                (hour < 10 ? "0\(hour)" : "\(hour)", JSON.object(["decisions": .number(Double(v.rows)),
                                                            "nan_pct": .rounded(100 * Double(v.nan) / Double(v.rows * features), 2)]))
            })),
            "sessions": .number(Double(days.count)),
            "median_bars_per_day": .number(Double(median)),
            "short_days": .array(short.map { .string("\(Timestamps.date($0)): \(build.barsByDay[$0] ?? 0) bars") }),
        ])
    }

    public var nanSummary: JSON {
        .object(nanPercent.mapValues { JSON.rounded($0, 2) })
    }

    /// The QA gate's facts: rows and NaN percent per feature.
    /// With a labeler's `qa_…` columns, also `"qa": {name: {min, max, mean, finite}}` over
    /// the finite values (null when none).
    public var qaFacts: JSON {
        var facts: [String: JSON] = ["rows": .number(Double(matrix.rowCount)), "nan_pct": .object(nanPercent.mapValues(JSON.number))]
        if !build.qa.isEmpty { facts["qa"] = .object(build.qa.mapValues(MatrixProfile.summary)) }
        return .object(facts)
    }

    static func summary(_ values: [Double]) -> JSON {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            return .object(["min": .null, "max": .null, "mean": .null, "finite": .number(0)])
        }
        return .object(["min": .number(low), "max": .number(high), "mean": .number(finite.reduce(0, +) / Double(finite.count)),
                        "finite": .number(Double(finite.count))])
    }
}
