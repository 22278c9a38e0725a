import Foundation
import MarketKit
import PackKit

/// A build kept as per-date partitions (the "silver" layer of a decision matrix): each date's
/// rows under `<lake>/silver/<set>@<version>/<model>/date=YYYY-MM-DD/` with the hash of its
/// inputs, so a build of a longer range reuses the dates already built and `--force` builds
/// them all again. The matrix assembled from the dates is byte-identical to a one-shot build.
///
/// Only for a labeler that declares its lookback (the history it reads before a decision, ABI
/// descriptor `lookback_bars`/`lookback_ns`): with it, a date's rows are a function of the
/// adapter's rows from W calendar days before it (W: the features' and the labeler's lookback)
/// through the labeler's horizon after its last bar. A date's input hash is SHA-256 over the
/// build's configuration, the pack binaries, W and those adapter rows,
/// so a date whose data, or whose neighbours within reach, changed is built again, and the last
/// date of a build ending before its horizon is complete is built again once the data after it
/// exists. The changed dates are built in contiguous runs through `MatrixBuilder` (with every
/// causality check), and the host checks the lookback claim itself: the last date of each run
/// built alone must give the same bytes as within the run, or the build stops.
struct MatrixPartitions {
    let plan: ModelPlan
    let root: String
    let force: Bool
    let progress: Progress

    /// `<lake>/silver/<set>@<version>/<model>`.
    init(plan: ModelPlan, lake: String, force: Bool, progress: Progress) {
        self.plan = plan
        root = ["silver", "\(plan.indicatorSet.id)@\(plan.indicatorSet.version)", plan.config.modelID].reduce(lake) { ($0 as NSString).appendingPathComponent($1) }
        self.force = force
        self.progress = progress
    }

    /// Whether the plan's labeler declares a lookback (then builds are partitioned).
    static func applies(to plan: ModelPlan) throws -> Bool {
        let labeler = try PackLabeler(pack: try plan.catalogue.pack(plan.labeler.pack), id: plan.labeler.id, params: plan.labeler.params)
        let c = labeler.info.causality
        return c.lookbackBars > 0 || c.lookbackNanoseconds > 0
    }

    func build(start: Int32, end: Int32) throws -> MatrixBuild {
        let builder = MatrixBuilder(plan: plan, progress: progress)
        let computers = try plan.indicatorSet.features.map { try FeatureComputer($0, catalogue: plan.catalogue) }
        let adapter = try PackDataAdapter(pack: try plan.catalogue.pack(plan.adapter.pack), id: plan.adapter.id, params: plan.adapter.params)
        let labeler = try PackLabeler(pack: try plan.catalogue.pack(plan.labeler.pack), id: plan.labeler.id, params: plan.labeler.params)
        let venue = try adapter.market()
        let reach = try labeler.causality()
        let lookbackDays = max(MatrixBuilder.warmUpDays(computers, market: venue),
                               MatrixBuilder.calendarDays(bars: Int(clamping: reach.lookbackBars), nanoseconds: reach.lookbackNanoseconds, market: venue))
        let horizonDays = MatrixBuilder.calendarDays(bars: Int(clamping: reach.horizonBars), nanoseconds: reach.horizonNanoseconds, market: venue)

        progress.update("hashing dates", 0, of: 1)
        let query = builder.query(from: start - Int32(lookbackDays), through: end)
        // Read once: the date hashes and every run's build take their rows from this frame.
        let (frame, warnings) = try Log.capturingPackWarnings { try adapter.read(query) }
        let ts = try frame.timestamps()
        var dayRows: [Int32: Range<Int>] = [:]
        var i = 0
        while i < ts.count {
            let day = venue.day(ts[i])
            var j = i + 1
            while j < ts.count, venue.day(ts[j]) == day { j += 1 }
            dayRows[day] = i..<j
            i = j
        }
        // The configuration and pack binaries, not the source files' digests: the rows read from
        // them are hashed per date, so one changed day file changes only the dates within its reach.
        let binaries = try plan.stageInputs(start: 0, end: 0)["pack_binaries"] ?? .null
        let base = Hashing.sha256(JSON.object(["config_sha": .string(plan.configSHA), "pack_binaries": binaries,
                                               "lookback_days": .number(Double(lookbackDays))]).text)
        let dates = dayRows.keys.filter { (start...end).contains($0) }.sorted()
        // A date's reach in the adapter's rows: from the first day within the lookback to the
        // last row within the labeler's horizon after the date's last bar.
        func inputSHA(_ day: Int32) -> String {
            let rows = dayRows[day]!
            let first = dayRows.filter { $0.key >= day - Int32(lookbackDays) && $0.key <= day }.map(\.value.lowerBound).min() ?? rows.lowerBound
            var upper = rows.upperBound
            let (sum, overflow) = ts[rows.upperBound - 1].addingReportingOverflow(reach.horizonNanoseconds)
            let limit = overflow ? Int64.max : sum
            while upper < ts.count, upper - rows.upperBound < reach.horizonBars || ts[upper] <= limit { upper += 1 }
            return Hashing.sha256(base + " " + FrameDigest.sha256(frame, rows: first..<upper))
        }
        let inputs = Dictionary(uniqueKeysWithValues: dates.map { ($0, inputSHA($0)) })
        // The rows the adapter would return for the days `from`…`through` (its read is by day).
        func rows(from: Int32, through: Int32) -> Frame {
            let days = dayRows.filter { (from...through).contains($0.key) }.values
            return frame.rows((days.map(\.lowerBound).min() ?? 0)..<(days.map(\.upperBound).max() ?? 0))
        }

        var manifests: [Int32: MatrixPartition.Manifest] = [:]
        if !force {
            for day in dates { manifests[day] = MatrixPartition(root: root, day: day).unchanged(inputSHA: inputs[day]!) }
        }
        let reused = dates.filter { manifests[$0] != nil }
        var causality = CausalityFindings(checked: true)
        var built: [Int32] = []
        var parts: [Int32: (matrix: Matrix, qa: [String: [Double]])] = [:]
        var firstWarmUp: WarmUp?
        for run in Self.runs(dates.filter { manifests[$0] == nil }, among: dates) {
            try progress.checkCancelled()
            let runEnd = min(run.last! + Int32(horizonDays), end)
            builder.source = rows(from: run.first! - Int32(lookbackDays), through: runEnd)
            let sub = try builder.build(start: run.first!, end: runEnd, checkCausality: true, warmUpDays: lookbackDays)
            causality.merge(sub.causality)
            if firstWarmUp == nil { firstWarmUp = sub.warmUp }
            let split = Self.split(sub, days: run, market: venue)
            if run.count > 1, let last = run.last {
                builder.source = rows(from: last - Int32(lookbackDays), through: min(last + Int32(horizonDays), end))
                try checkLookback(builder, day: last, within: split[last]!, horizonDays: horizonDays, lookbackDays: lookbackDays, end: end)
            }
            for day in run {
                let part = split[day]!
                var manifest = MatrixPartition.Manifest(date: Timestamps.date(day), inputSHA: inputs[day]!)
                manifest.bars = dayRows[day]?.count ?? 0
                manifest.warmUpDropped = part.dropped
                manifest.warnings = warnings
                manifests[day] = try MatrixPartition(root: root, day: day).write(part.matrix, qa: part.qa, manifest: manifest)
                parts[day] = (part.matrix, part.qa)
                built.append(day)
            }
        }
        for day in reused { parts[day] = try MatrixPartition(root: root, day: day).read(market: venue) }
        progress.finish()
        return try assemble(dates: dates, parts: parts, manifests: manifests, frame: ts, computers: computers, venue: venue, query: query,
                            lookbackDays: lookbackDays, causality: causality, reused: reused, built: built, start: start)
    }

    /// The dates to build as runs of consecutive dates of `all` (the data's dates in the range).
    static func runs(_ dates: [Int32], among all: [Int32]) -> [[Int32]] {
        let position = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
        var runs: [[Int32]] = []
        for day in dates {
            if let last = runs.last?.last, position[last]! + 1 == position[day]! { runs[runs.count - 1].append(day) } else { runs.append([day]) }
        }
        return runs
    }

    struct DayPart {
        var matrix: Matrix
        var qa: [String: [Double]]
        var dropped: Int
    }

    /// A build's rows (and QA facts, and warm-up drops) by date, for the dates `days`.
    static func split(_ build: MatrixBuild, days: [Int32], market: Market) -> [Int32: DayPart] {
        var rows: [Int32: [Int]] = [:]
        for r in 0..<build.matrix.rowCount { rows[market.day(build.matrix.ts[r]), default: []].append(r) }
        return Dictionary(uniqueKeysWithValues: days.map { day in
            let r = rows[day] ?? []
            // Warm-up drops only happen where the data starts: all counted on the run's first date.
            return (day, DayPart(matrix: build.matrix.rows(r), qa: build.qa.mapValues { q in r.map { q[$0] } },
                                 dropped: day == days.first ? build.warmUp.decisions : 0))
        })
    }

    /// The lookback claim, checked: `day` built alone (its declared history before it) must give
    /// the bytes it has within the longer run, else the labeler reads older history than it says.
    func checkLookback(_ builder: MatrixBuilder, day: Int32, within run: DayPart, horizonDays: Int, lookbackDays: Int, end: Int32) throws {
        let alone = try builder.build(start: day, end: min(day + Int32(horizonDays), end), checkCausality: false, warmUpDays: lookbackDays)
        let single = Self.split(alone, days: [day], market: alone.market)[day]!
        guard single.matrix.csv() == run.matrix.csv(), MatrixPartition.qaCSV(single.qa, rows: single.matrix.rowCount) == MatrixPartition.qaCSV(run.qa, rows: run.matrix.rowCount) else {
            throw EdgehostError(code: "history-invariance", object: "labeler '\(plan.labeler.pack).\(plan.labeler.id)'", """
                its rows of \(Timestamps.date(day)) differ when built with only its declared lookback (\(lookbackDays) calendar days) \
                before them: it reads older history than it declares, so per-date partitions cannot be trusted. Declare a lookback \
                that covers it. The build stopped and wrote nothing more.
                """, exit: .checkFailed)
        }
    }

    /// The dates' rows in date order as one build, with the figures the profile reports.
    func assemble(dates: [Int32], parts: [Int32: (matrix: Matrix, qa: [String: [Double]])], manifests: [Int32: MatrixPartition.Manifest],
                  frame ts: Int64Column, computers: [FeatureComputer], venue: Market, query: JSON, lookbackDays: Int,
                  causality: CausalityFindings, reused: [Int32], built: [Int32], start: Int32) throws -> MatrixBuild {
        let ordered = dates.compactMap { parts[$0] }
        guard var matrix = Matrix.concatenating(ordered.map(\.matrix)) else {
            throw WorkspaceError("no data in the range: the adapter returned no bars on its dates")
        }
        matrix.market = venue
        var qa: [String: [Double]] = [:]
        for part in ordered { for (name, values) in part.qa { qa[name, default: []] += values } }
        var findings = causality
        findings.flagCorrelations(matrix)
        var warmUp = WarmUp(computers, ts: ts)
        let drops = dates.compactMap { manifests[$0]?.warmUpDropped }.filter { $0 > 0 }
        warmUp.dropped(decisions: drops.reduce(0, +), sessions: drops.count)
        var warnings: [String] = []
        for day in dates { for w in manifests[day]?.warnings ?? [] where !warnings.contains(w) { warnings.append(w) } }
        var barsByDay: [Int32: Int] = [:]
        for day in dates { barsByDay[day] = manifests[day]?.bars ?? 0 }
        var build = MatrixBuild(matrix: matrix, barsByDay: barsByDay, market: venue, warnings: warnings, query: query,
                                warmUpDays: lookbackDays, warmUp: warmUp, causality: findings, qa: qa)
        build.partitions = .object([
            "folder": .string("silver/\(plan.indicatorSet.id)@\(plan.indicatorSet.version)/\(plan.config.modelID)"), "dates": .number(Double(dates.count)),
            "reused": .strings(reused.map(Timestamps.date)), "built": .strings(built.map(Timestamps.date)),
            "note": .string("reused dates were causality-checked when they were built; their manifests hold their input hashes"),
        ])
        return build
    }
}
