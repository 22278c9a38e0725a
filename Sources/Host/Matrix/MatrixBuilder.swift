import Foundation
import MarketKit
import PackKit

/// What a build produced, besides the matrix: enough for the profile and the preview report.
public struct MatrixBuild: Sendable {
    public var matrix: Matrix
    /// The adapter's rows inside the requested dates (warm-up excluded), by trading day.
    public var barsByDay: [Int32: Int]
    /// The adapter's market: trading days and hours of everything built from these bars.
    public var market: Market
    public var warnings: [String]
    public var query: JSON
    /// Calendar days fetched before `start` for history (the adapter may have less).
    public var warmUpDays: Int
    /// Decisions in the range dropped because a feature could not have its lookback yet.
    public var warmUp: WarmUp
    public var causality: CausalityFindings
    /// The labeler's `qa_…` columns on the matrix's rows (`RowFeatures`): facts for the QA gate.
    public var qa: [String: [Double]] = [:]
    /// A partitioned build's dates, reused and built (`MatrixPartitions`); nil for a one-shot build.
    public var partitions: JSON? = nil
}

/// A feature or a label looked at data it may not see. The build stops; nothing is written.
public struct CausalityError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Adapter → features → labels → decisions joined on what was known at each decision time.
///
/// Causality is the host's job: every feature is recomputed on data cut at several points
/// and must not change before the cut; each decision takes a feature's value from the last
/// row available at the decision time (row time + the adapter's and indicator's declared
/// lags); labels must end after their decision and must not change when data after their
/// declared end is removed.
public final class MatrixBuilder {
    public let plan: ModelPlan
    let progress: Progress
    /// Bars to build from instead of reading the adapter (`edgehost reconcile`: a recording).
    var source: Frame?

    public init(plan: ModelPlan, progress: Progress = .silent) {
        self.plan = plan
        self.progress = progress
    }

    /// `warmUpDays`: at least this many calendar days of history before `start` (a per-date
    /// partition build asks for the labeler's lookback too, `MatrixPartitions`).
    public func build(start: Int32, end: Int32, checkCausality: Bool, warmUpDays minimumWarmUp: Int = 0) throws -> MatrixBuild {
        guard start <= end else { throw WorkspaceError("--start \(Timestamps.date(start)) is after --end \(Timestamps.date(end))") }
        let computers = try plan.indicatorSet.features.map { try FeatureComputer($0, catalogue: plan.catalogue) }
        let adapter = try PackDataAdapter(pack: try plan.catalogue.pack(plan.adapter.pack), id: plan.adapter.id, params: plan.adapter.params)
        let labeler = try PackLabeler(pack: try plan.catalogue.pack(plan.labeler.pack), id: plan.labeler.id, params: plan.labeler.params)
        // The adapter's market (its trading days and hours); `market` below is its bars.
        let venue = try adapter.market()
        let warmUpDays = max(MatrixBuilder.warmUpDays(computers, market: venue), minimumWarmUp)
        let queryJSON = query(from: start - Int32(warmUpDays), through: end)

        progress.update("reading", 0, of: 1)
        let (market, warnings) = try source.map { ($0, [String]()) } ?? Log.capturingPackWarnings { try adapter.read(queryJSON) }
        guard market.rowCount > 0 else {
            throw WorkspaceError("adapter '\(plan.adapter.pack).\(plan.adapter.id)' returned no rows for \(queryJSON.text)")
        }
        let ts = try market.timestamps()
        let adapterLag = adapter.info.causality.availabilityLagNanoseconds

        var findings = CausalityFindings(checked: checkCausality)
        var values: [Float64Column] = []
        for (index, computer) in computers.enumerated() {
            try progress.checkCancelled()
            progress.update(checkCausality ? "features+check" : "features", index, of: computers.count)
            let input = try computer.inputs(from: market)
            let column = try computer.compute(input)
            if checkCausality {
                try findings.checkFeature(computer, input: input, values: column, ts: ts)
            }
            values.append(column)
        }
        try progress.checkCancelled()
        progress.update("labels", computers.count, of: computers.count)
        let decisions = try LabelColumns.label(market, with: labeler, adapterLag: adapterLag, check: checkCausality, findings: &findings)
        progress.finish()

        let inRange = decisions.ts.indices.filter { (start...end).contains(venue.day(decisions.ts[$0])) }
        let (keep, features, warmUp) = MatrixBuilder.join(computers, values: values, ts: ts, decisions: decisions, rows: inRange,
                                                          adapterLag: adapterLag, market: venue)
        findings.joinLagNanoseconds = adapterLag
        let names = try featureNames(computers, decisions: decisions)
        var matrix = Matrix(ts: keep.map { decisions.ts[$0] }, featureNames: names,
                            features: features + decisions.rowFeatures.map { x in keep.map { x[$0] } },
                            labels: keep.map { decisions.labels[$0] }, labelEnd: keep.map { decisions.labelEnd[$0] },
                            outcomeNames: decisions.outcomeNames, outcomes: decisions.outcomes.map { o in keep.map { o[$0] } },
                            market: venue)
        matrix.keys = decisions.keys.map { k in keep.map { k[$0] } }
        let qa = Dictionary(uniqueKeysWithValues: zip(decisions.qaNames, decisions.qa.map { q in keep.map { q[$0] } }))
        findings.flagCorrelations(matrix)
        var barsByDay: [Int32: Int] = [:]
        for i in 0..<ts.count {
            let day = venue.day(ts[i])
            if day >= start { barsByDay[day, default: 0] += 1 }
        }
        return MatrixBuild(matrix: matrix, barsByDay: barsByDay, market: venue, warnings: warnings, query: queryJSON,
                           warmUpDays: warmUpDays, warmUp: warmUp, causality: findings, qa: qa)
    }

    /// The adapter query of the plan for the days `from`…`through`.
    func query(from: Int32, through: Int32) -> JSON {
        var query = plan.query
        query["symbol"] = .string(plan.config.ticker)
        query["start"] = .string(Timestamps.date(from))
        query["end"] = .string(Timestamps.date(through))
        return .object(query)
    }

    /// Each decision of `rows` takes every feature's value from the last bar available at its
    /// time (bar time + the adapter's and the indicator's lags); decisions before some feature
    /// has its lookback are warm-up, dropped. Returns the kept decision rows, the features of
    /// those rows and the warm-up. The build and the live monitor's candidate rows share it.
    static func join(_ computers: [FeatureComputer], values: [Float64Column], ts: Int64Column, decisions: LabelColumns, rows inRange: [Int],
                     adapterLag: Int64, market: Market) -> (keep: [Int], features: [[Double]], warmUp: WarmUp) {
        // known[f][i]: the last row of feature f available at in-range decision i.
        let known = computers.map { computer in
            let lag = adapterLag + computer.info.causality.availabilityLagNanoseconds
            return inRange.map { MatrixBuilder.lastRow(ts, atOrBefore: decisions.ts[$0] - lag) }
        }
        var warmUp = WarmUp(computers, ts: ts)
        let warm = inRange.indices.map { warmUp.isWarmUp($0, known: known) }
        let kept = inRange.indices.filter { !warm[$0] }
        warmUp.dropped(inRange.indices.filter { warm[$0] }.map { decisions.ts[inRange[$0]] }, market: market)
        let features = zip(known, values).map { rows, column in kept.map { rows[$0].map { column[$0] } ?? .nan } }
        return (kept.map { inRange[$0] }, features, warmUp)
    }

    /// The set's features, then the labeler's row features; a name in both would be two columns of one name.
    func featureNames(_ computers: [FeatureComputer], decisions: LabelColumns) throws -> [String] {
        let names = computers.map(\.spec.name)
        if let clash = decisions.rowFeatureNames.first(where: names.contains) {
            throw WorkspaceError("labeler '\(plan.labeler.pack).\(plan.labeler.id)' emits row feature '\(clash)', which is also a feature of indicator set '\(plan.indicatorSet.id)': rename one")
        }
        return names + decisions.rowFeatureNames
    }

    /// Calendar days fetched before `start` so every feature has its history on day one:
    /// sessions of the market's bars at most (390 one-minute bars on NYSE), its trading days a
    /// week, a few holidays. An adapter whose data starts later returns what exists; the
    /// decisions without history are `WarmUp`.
    static func warmUpDays(_ computers: [FeatureComputer], market: Market) -> Int {
        calendarDays(bars: computers.map(\.lookbackBars).max() ?? 0, nanoseconds: computers.map(\.lookbackNanoseconds).max() ?? 0, market: market)
    }

    /// Calendar days that hold `bars` bars of the market and `nanoseconds` more, generously (`warmUpDays`).
    static func calendarDays(bars: Int, nanoseconds: Int64, market: Market) -> Int {
        guard bars > 0 || nanoseconds > 0 else { return 0 }
        let perSession = market.barsPerSession
        let sessions = (bars + perSession - 1) / perSession
        let day: Int64 = 86_400_000_000_000
        return sessions * 7 / market.tradingDaysPerWeek + 4 + Int((nanoseconds + day - 1) / day)
    }

    /// The largest index whose time is ≤ `limit`, or nil.
    static func lastRow(_ ts: Int64Column, atOrBefore limit: Int64) -> Int? {
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ts[mid] <= limit { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }
}
