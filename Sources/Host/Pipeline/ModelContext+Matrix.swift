import Foundation

/// The two matrix stages: a short preview judged by the QA gate, and the full build.
public enum MatrixStageKind: String, Sendable {
    case preview, build
}

extension ModelContext {
    /// Runs `kind` on the model's own adapter over `start`…`end` (YYYY-MM-DD or `today`),
    /// each defaulting to the pack's range for that stage.
    public func matrix(_ kind: MatrixStageKind, start: String?, end: String?, ledger: RunLedger, progress: Progress = .silent,
                       force: Bool = false, allowQAFail: Bool = false) throws -> StageResult {
        let fallback = kind == .preview ? defaults.preview : defaults.build
        guard let first = start ?? fallback?.start, let last = end ?? fallback?.end else {
            throw WorkspaceError("start and end are required (pack '\(plan.pack.id)' has no default \(kind.rawValue) range)")
        }
        var stages = MatrixStages(workspace: workspace, ledger: ledger)
        stages.progress = progress
        let from = try Timestamps.parseDate(first), to = try Timestamps.parseDate(last)
        switch kind {
        case .preview: return try stages.preview(plan, start: from, end: to, force: force)
        case .build: return try stages.build(plan, start: from, end: to, force: force, allowQAFail: allowQAFail)
        }
    }
}
