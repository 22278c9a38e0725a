import Foundation
import PackKit

/// The outcome of a preview or a build, for the command line and for `edgehost run`.
public struct StageResult: Sendable {
    /// pass, warn or fail (the data-QA verdict).
    public var status: String
    public var report: JSON
    /// Files written (or found intact when skipped).
    public var paths: [String]
    /// The earlier run whose outputs were reused, when the stage was skipped.
    public var skippedFrom: String?
    public var summary: String
}

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
        let reportPath = workspace.previewReport(model)
        return try run(plan, stage: "preview", start: start, end: end, force: force, outputs: [reportPath]) {
            let build = try MatrixBuilder(plan: plan, progress: progress).build(start: start, end: end, checkCausality: false)
            let profile = MatrixProfile(build)
            let verdict = try qaVerdict(plan, profile)
            let report = previewReport(plan, build: build, profile: profile, verdict: verdict, start: start, end: end)
            try AtomicFile.write(report.prettyText, to: reportPath)
            return (verdict.status, report, "preview \(model) \(Timestamps.date(start))..\(Timestamps.date(end)): \(build.matrix.rowCount) decisions, QA \(verdict.status)\(verdict.reasons.isEmpty ? "" : ": " + verdict.reasons.joined(separator: "; "))")
        }
    }

    /// Features + labels with the causality checks; writes the matrix CSV and its profile.
    /// A failed QA gate writes nothing unless `allowQAFail`.
    public func build(_ plan: ModelPlan, start: Int32, end: Int32, force: Bool = false, allowQAFail: Bool = false) throws -> StageResult {
        let model = plan.config.modelID
        let matrixPath = workspace.matrixFile(model), profilePath = workspace.profileFile(model)
        return try run(plan, stage: "build", start: start, end: end, force: force, outputs: [matrixPath, profilePath]) {
            let build = try MatrixBuilder(plan: plan, progress: progress).build(start: start, end: end, checkCausality: true)
            let profile = MatrixProfile(build)
            let verdict = try qaVerdict(plan, profile)
            if verdict.status == "fail", !allowQAFail {
                throw WorkspaceError("data QA failed for \(model): \(verdict.reasons.joined(separator: "; ")). Nothing was written; see `edgehost preview`, or pass --allow-qa-fail")
            }
            let csv = build.matrix.csv()
            let matrixSHA = Hashing.sha256(csv)
            let report = profileReport(plan, build: build, profile: profile, verdict: verdict, matrixSHA: matrixSHA, start: start, end: end)
            try AtomicFile.write(csv, to: matrixPath)
            try AtomicFile.write(report.prettyText, to: profilePath)
            let m = build.matrix
            return (verdict.status, report, "build \(model): \(m.rowCount) rows × \(m.featureNames.count) features, causality checked (\(build.causality.featuresChecked.count) features, \(build.causality.labelDecisionsCompared) labels), matrix_sha \(matrixSHA.prefix(12))…, QA \(verdict.status)")
        }
    }

    private func run(_ plan: ModelPlan, stage name: String, start: Int32, end: Int32, force: Bool, outputs: [String],
                     body: () throws -> (String, JSON, String)) throws -> StageResult {
        let stage = RunLedger.Stage(model: plan.config.modelID, name: name, inputs: try plan.stageInputs(start: start, end: end))
        if !force, let previous = ledger.unchanged(stage), let data = FileManager.default.contents(atPath: outputs.last!),
           let report = try? JSON.parse(String(decoding: data, as: UTF8.self)) {
            let status = report["qa"]?["status"]?.stringValue ?? report["status"]?.stringValue ?? "pass"
            try ledger.record(stage, status: "skipped", started: Date(), ended: Date(), outputs: outputs,
                              message: "inputs unchanged since run \(previous)", extra: ["reused_run": .string(previous)])
            return StageResult(status: status, report: report, paths: outputs, skippedFrom: previous,
                               summary: "\(name) \(plan.config.modelID): inputs unchanged since run \(previous); skipped (--force reruns)")
        }
        let started = Date()
        do {
            let (status, report, summary) = try body()
            try ledger.record(stage, status: "ok", started: started, ended: Date(), outputs: outputs,
                              extra: ["qa_status": .string(status), "packs": plan.packVersions])
            return StageResult(status: status, report: report, paths: outputs, skippedFrom: nil, summary: summary)
        } catch {
            progress.finish()
            try? ledger.record(stage, status: "failed", started: started, ended: Date(), outputs: [], message: "\(error)",
                               extra: ["packs": plan.packVersions])
            throw error
        }
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
