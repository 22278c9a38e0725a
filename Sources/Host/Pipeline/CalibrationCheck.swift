import Foundation
import PackKit

/// `edgehost calibration check`: do a pack's confidence intervals (`event_outputs`) cover on
/// fresh sessions? The frozen model a live monitor would use (the registry's active version,
/// else the workspace artifact) scores a fresh build of its own adapter — the same parameters
/// (effects) but another `seed` and/or dates it was not trained on — and every prediction
/// falls in its calibration bin as a live row's does; each bin's realised event rate is then
/// checked against the bin's interval (`EventCoverage`). The same check of the market's own
/// probability (N(−d2), the report's `baseline_bins`) is the reference. Writes the report
/// whole to `reports/calibration_check/<model>/<version>_seed<S>_<start>_<end>.json`.
public struct CalibrationCheck {
    public let context: ModelContext
    /// nil = `$EDGEHOST_REGISTRY`, else ./registry (absent = the workspace artifact).
    public var registry: String?
    /// The adapter's `seed` for the fresh sessions; nil = the model's.
    public var seed: Int?
    public var start: Int32, end: Int32
    /// The share of bins that must cover for the check to pass.
    public var minCoverage = 0.9

    public init(context: ModelContext, start: Int32, end: Int32) {
        self.context = context
        self.start = start
        self.end = end
    }

    public struct BinResult: Sendable {
        public let lower: Double, upper: Double, ciLow: Double, ciHigh: Double
        public let rows: Int, events: Int
        /// NaN when no fresh prediction falls in the bin.
        public let rate: Double, k: Double
        public let covered: Bool
    }

    public struct Coverage: Sendable {
        public let covered: Int, bins: Int
        /// What a calibrated model expects to cover given each bin's k (`EventCoverage.expected`).
        public let expectedCovered: Double
        public let largestK: Double
        public let perBin: [BinResult]
    }

    /// How the probabilities did on the fresh rows: Brier scores and mean predicted against the
    /// realised rate. A bin check alone cannot tell a model that learned something from one that
    /// learned its window's luck (a constant shift of every row: all bins miss together).
    public struct Scores: Sendable {
        public let modelBrier: Double, baselineBrier: Double
        public let modelMean: Double, baselineMean: Double, realisedRate: Double

        init(model: [Double], baseline: [Double], happened: [Bool]) {
            // Over the rows with a finite probability (a row without a chain has no N(-d2)).
            func mean(_ x: [Double]) -> Double { let f = x.filter(\.isFinite); return f.reduce(0, +) / Double(max(f.count, 1)) }
            func brier(_ q: [Double]) -> Double { mean(zip(q, happened).map { p, h in (p - (h ? 1 : 0)) * (p - (h ? 1 : 0)) }) }
            (modelBrier, baselineBrier) = (brier(model), brier(baseline))
            (modelMean, baselineMean, realisedRate) = (mean(model), mean(baseline), mean(happened.map { $0 ? 1 : 0 }))
        }

        var json: JSON {
            .object(["brier_model": .rounded(modelBrier, 6), "brier_baseline": .rounded(baselineBrier, 6),
                     "mean_model": .rounded(modelMean, 6), "mean_baseline": .rounded(baselineMean, 6), "realised_rate": .rounded(realisedRate, 6)])
        }
    }

    public struct Outcome: Sendable {
        public let model: Coverage
        /// nil when the backtest report predates `baseline_bins`.
        public let baseline: Coverage?
        public let scores: Scores
        public let version: String, source: String
        public let seed: Int?
        public let rows: Int, sessions: Int
        public let notes: [String]
        public let reportPath: String
        public let minCoverage: Double
        public var passed: Bool { model.bins > 0 && Double(model.covered) >= minCoverage * Double(model.bins) }
    }

    public func run() throws -> Outcome {
        let (plan, model) = (context.plan, context.modelID)
        guard let spec = context.defaults.eventOutputs else {
            throw EdgehostError(code: "usage", object: model, "pack \(plan.pack.id) declares no event_outputs: its rows carry no confidence interval to check", exit: .usage)
        }
        guard start <= end else { throw EdgehostError(code: "usage", object: "--start", "\(Timestamps.date(start)) is after --end \(Timestamps.date(end))", exit: .usage) }
        let risk = try RiskBudget(nil, pack: plan.pack, defaults: context.defaults)
        let resolved = Registry.resolve(registry)
        let scorer = try AlertStage(workspace: context.workspace, ledger: RunLedger(workspace: context.workspace), registry: resolved)
            .scorers(model: model, risk: risk, threshold: nil, hours: nil).active
        let ladders = try EventLadders(spec: spec, scorer: scorer)
        let (fresh, params, notes) = try freshPlan(scorer.artifact, version: scorer.version)
        let matrix = try MatrixBuilder(plan: fresh).build(start: start, end: end, checkCausality: false).matrix
        let rows = (0..<matrix.rowCount).filter { scorer.allowed.isEmpty || scorer.allowed.contains(matrix.market.hour(matrix.ts[$0])) }
        guard !rows.isEmpty else {
            throw EdgehostError(code: "no-rows", object: model, "no decision of \(model) between \(Timestamps.date(start)) and \(Timestamps.date(end)) in its hours: give a longer range", exit: .badInput)
        }
        let probability = try scorer.artifact.probabilities(matrix, rows: rows).map { $0[ladders.event] }
        let happened = rows.map { matrix.labels[$0] == spec.event }
        let session = rows.map { matrix.market.day(matrix.ts[$0]) }
        let coverage = EventCoverage(calibration: ladders.calibration, probability: probability, happened: happened, session: session)
        let report = ladders.report
        let riskNeutral = try EventLadders.feature(spec.riskNeutral, matrix)
        let riskNeutralP = rows.map { riskNeutral[$0] }
        let scores = Scores(model: probability, baseline: riskNeutralP, happened: happened)
        let baseline = try report["event_calibration"]?["baseline_bins"].map { _ in
            EventCoverage(calibration: try EventCalibration(report: report, path: scorer.report, key: "baseline_bins"),
                          probability: riskNeutralP, happened: happened, session: session)
        }
        var allNotes = notes
        if baseline == nil { allNotes.append("\(scorer.report) predates baseline_bins: no N(-d2) reference (rerun `edgehost backtest --force`)") }
        if coverage.largestK > 0.25 {
            allNotes.append(String(format: "k up to %.2f (> 0.25): the fresh rates are nearly as noisy as the calibration's, so even exact intervals cover less; give a longer range", coverage.largestK))
        }
        let sessions = Set(session).count
        let path = context.workspace.path("reports", "calibration_check", model,
                                          "\(scorer.version)_seed\(params["seed"]?.text ?? "-")_\(Timestamps.date(start))_\(Timestamps.date(end)).json")
        let outcome = Outcome(model: Self.summary(coverage), baseline: baseline.map(Self.summary), scores: scores, version: scorer.version, source: scorer.source,
                              seed: params["seed"]?.intValue, rows: rows.count, sessions: sessions, notes: allNotes, reportPath: path,
                              minCoverage: minCoverage)
        try AtomicFile.write(JSON.object([
            "model_id": .string(model), "model_version": .string(scorer.version), "source": .string(scorer.source),
            "calibration": .string(scorer.report), "event": .string(spec.event),
            "fresh": .object(["adapter": .string("\(fresh.adapter.pack).\(fresh.adapter.id)"), "params": .object(params),
                              "start": .string(Timestamps.date(start)), "end": .string(Timestamps.date(end)),
                              "rows": .number(Double(rows.count)), "sessions": .number(Double(sessions)),
                              "matrix_sha": .string(Hashing.sha256(matrix.csv()))]),
            "coverage": coverage.json, "scores": scores.json, "baseline_coverage": baseline?.json ?? .null, "baseline_feature": .string(spec.riskNeutral),
            "min_coverage": .number(minCoverage), "status": .string(outcome.passed ? "pass" : "fail"), "notes": .strings(allNotes),
        ]).prettyText, to: path)
        return outcome
    }

    /// The model's plan with the fresh sessions' adapter parameters (its own, with `seed`), the
    /// complete parameters, and notes. Refuses sessions the model was trained (and calibrated) on.
    func freshPlan(_ artifact: ModelArtifact, version: String) throws -> (ModelPlan, [String: JSON], [String]) {
        let plan = context.plan
        let specs = try plan.catalogue.pack(plan.adapter.pack).info(.dataAdapter, plan.adapter.id).params
        let component = "\(plan.adapter.pack).\(plan.adapter.id)"
        if seed != nil, !specs.contains(where: { $0.name == "seed" }) {
            throw EdgehostError(code: "usage", object: "--seed", "adapter \(component) has no seed parameter: give dates the model was not trained on instead", exit: .usage)
        }
        let own = try ParameterValidator.complete(plan.adapter.params, against: specs, component: component)
        let given = plan.adapter.params.merging(seed.map { ["seed": JSON.number(Double($0))] } ?? [:]) { _, new in new }
        let params = try ParameterValidator.complete(given, against: specs, component: component)
        var notes: [String] = []
        let training = artifact.meta["training"]
        if let first = training?["first_decision"]?.stringValue.flatMap(Timestamps.parseInstant),
           let last = training?["last_decision"]?.stringValue.flatMap(Timestamps.parseInstant) {
            let market = try plan.market()
            let (from, through) = (market.day(first), market.day(last))
            if params == own, start <= through, end >= from {
                throw EdgehostError(code: "usage", object: "--start/--end",
                                    "\(Timestamps.date(start))..\(Timestamps.date(end)) overlaps the sessions \(version) was trained and calibrated on (\(Timestamps.date(from))..\(Timestamps.date(through)), \(JSON.object(own).text)): give another --seed or dates outside them",
                                    exit: .usage)
            }
        } else {
            notes.append("meta.json does not say which sessions \(version) was trained on: make sure the range is fresh")
        }
        let adapter = ComponentRef(pack: plan.adapter.pack, id: plan.adapter.id, params: given)
        return (try ModelPlan(config: plan.config, catalogue: plan.catalogue, workspace: context.workspace, adapter: adapter, query: plan.query), params, notes)
    }

    static func summary(_ c: EventCoverage) -> Coverage {
        Coverage(covered: c.covered, bins: c.checked, expectedCovered: c.expectedCovered, largestK: c.largestK, perBin: c.bins.map { b in
            BinResult(lower: b.calibration.lower, upper: b.calibration.upper, ciLow: b.calibration.interval.low, ciHigh: b.calibration.interval.high,
                      rows: b.rows, events: b.events, rate: b.rows > 0 ? b.rate : .nan, k: b.rows > 0 ? b.k : .nan, covered: b.covered)
        })
    }
}
