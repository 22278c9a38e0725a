import Foundation
import PackKit

/// Preview and build: the matrix stages of the pipeline, with their manifests.
public struct MatrixStages {
    public let workspace: Workspace
    public let ledger: RunLedger
    public var progress: Progress = .silent

    public init(workspace: Workspace, ledger: RunLedger) {
        self.workspace = workspace
        self.ledger = ledger
    }

    /// Coverage and NaN share per feature on a short range, judged by the set's QA gate.
    /// Writes `reports/preview_<model>.json`.
    public func preview(_ plan: ModelPlan, start: Int32, end: Int32, force: Bool = false) throws -> StageResult {
        let model = plan.config.modelID
        let reportPath = try workspace.previewReport(model)
        return try run(plan, stage: "preview", start: start, end: end, force: force, outputs: [reportPath]) {
            let build = try MatrixBuilder(plan: plan, progress: progress).build(start: start, end: end, checkCausality: false)
            let profile = MatrixProfile(build)
            // Nothing but warm-up: the gate would see 100 % NaN of zero rows, so the reason is said instead.
            let verdict = build.matrix.rowCount == 0 && build.warmUp.decisions > 0
                ? (status: "fail", reasons: [build.warmUp.allDroppedReason]) : try qaVerdict(plan, profile)
            let report = previewReport(plan, build: build, profile: profile, verdict: verdict, start: start, end: end)
            try AtomicFile.write(report.prettyText, to: reportPath)
            return (verdict.status, report, "preview \(model) \(Timestamps.date(start))..\(Timestamps.date(end)): \(build.matrix.rowCount) decisions\(Self.warmUpNote(build)), QA \(verdict.status)\(verdict.reasons.isEmpty ? "" : ": " + verdict.reasons.joined(separator: "; "))")
        }
    }

    /// Features + labels with the causality checks; writes the matrix CSV and its profile.
    /// A failed QA gate writes nothing unless `allowQAFail`.
    public func build(_ plan: ModelPlan, start: Int32, end: Int32, force: Bool = false, allowQAFail: Bool = false) throws -> StageResult {
        let model = plan.config.modelID
        let matrixPath = try workspace.matrixFile(model), profilePath = try workspace.profileFile(model)
        // A build killed between its renames left temporaries; the pair it left is refused by readers.
        for path in [matrixPath, profilePath] { AtomicFile.removeLeftovers(of: path) }
        return try run(plan, stage: "build", start: start, end: end, force: force, outputs: [matrixPath, profilePath]) {
            // A labeler that declares its lookback gets per-date partitions (the silver layer).
            let build = try MatrixPartitions.applies(to: plan)
                ? try MatrixPartitions(plan: plan, lake: Lake.root(nil, workspace: workspace), force: force, progress: progress).build(start: start, end: end)
                : try MatrixBuilder(plan: plan, progress: progress).build(start: start, end: end, checkCausality: true)
            guard build.matrix.rowCount > 0 else {
                if build.warmUp.decisions > 0 { throw WorkspaceError("no decisions to build in \(Timestamps.date(start))..\(Timestamps.date(end)): \(build.warmUp.allDroppedReason). Nothing was written") }
                let bars = build.barsByDay.filter { (start...end).contains($0.key) }.values.reduce(0, +)
                throw WorkspaceError("no decisions in \(Timestamps.date(start))..\(Timestamps.date(end)): the adapter gave \(bars) bars in the range (a weekend or a market holiday?). Nothing was written")
            }
            let profile = MatrixProfile(build)
            let verdict = try qaVerdict(plan, profile)
            if verdict.status == "fail", !allowQAFail {
                throw EdgehostError(code: "qa-failed", "data QA failed for \(model): \(verdict.reasons.joined(separator: "; ")). Nothing was written; see `edgehost preview`, or pass --allow-qa-fail",
                                    exit: .checkFailed)
            }
            let csv = build.matrix.csv()
            let matrixSHA = Hashing.sha256(csv)
            let report = profileReport(plan, build: build, profile: profile, verdict: verdict, matrixSHA: matrixSHA, start: start, end: end)
            // The last check point: from here on the pair is written (a cancel is refused).
            try progress.commit()
            defer { progress.release() }
            // The profile, which names the matrix's digest, goes last: it commits the pair.
            try AtomicFile.write(csv, to: matrixPath)
            try AtomicFile.write(report.prettyText, to: profilePath)
            let m = build.matrix
            return (verdict.status, report, "build \(model): \(m.rowCount) rows × \(m.featureNames.count) features\(Self.warmUpNote(build)), causality checked (\(build.causality.featuresChecked.count) features, \(build.causality.labelDecisionsCompared) labels)\(Self.partitionNote(build)), matrix_sha \(matrixSHA.prefix(12))…, QA \(verdict.status)")
        }
    }

    /// ", dates: 5 reused, 2 built" for a partitioned build; empty otherwise.
    static func partitionNote(_ build: MatrixBuild) -> String {
        guard let p = build.partitions, case .array(let reused)? = p["reused"], case .array(let built)? = p["built"] else { return "" }
        return ", dates: \(reused.count) reused, \(built.count) built"
    }

    /// " (warm-up: 21 sessions, 126 decisions dropped)" in a stage's summary; empty without warm-up.
    static func warmUpNote(_ build: MatrixBuild) -> String {
        build.warmUp.line.map { " (\($0))" } ?? ""
    }

    private func run(_ plan: ModelPlan, stage name: String, start: Int32, end: Int32, force: Bool, outputs: [String],
                     body: () throws -> (status: String, report: JSON, summary: String)) throws -> StageResult {
        let stage = RunLedger.Stage(model: plan.config.modelID, name: name, inputs: try plan.stageInputs(start: start, end: end))
        return try ledger.perform(stage, outputs: outputs, force: force, extra: ["packs": plan.packVersions],
                                  onFailure: { progress.finish() }, body: body)
    }

    /// The set's QA gate on the matrix's facts; without a gate, a pass that says so.
    func qaVerdict(_ plan: ModelPlan, _ profile: MatrixProfile) throws -> (status: String, reasons: [String]) {
        guard let ref = plan.qaGate else { return ("pass", ["no data-QA gate in indicator set '\(plan.indicatorSet.id)'"]) }
        let gate = try PackGate(pack: try plan.catalogue.pack(ref.pack), id: ref.id, params: ref.params)
        let verdict = try gate.evaluate(profile.qaFacts)
        let reasons: [String] = {
            if case .array(let a)? = verdict["reasons"] { return a.compactMap(\.stringValue) }
            return []
        }()
        return (verdict["status"]?.stringValue ?? "fail", reasons)
    }
}
