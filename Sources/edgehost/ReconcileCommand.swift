import ArgumentParser
import Foundation
import Host
import PackKit

struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a live session's decisions with the batch path's on the same recorded data.",
        discussion: """
            Builds the session's matrix from its recording (the batch builder, with the recording as source), scores \
            it with each live row's model version and compares every live decision of the session with its batch \
            twin: features, class probabilities, predicted class, probability, action. Writes \
            reports/reconcile/<model>/<session>.json. Exit 0 when there is no difference and no decision on one side \
            only, 1 otherwise.

            Example:
              edgehost reconcile --model spy_opt_0dte_hourly --session 2024-07-01
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: ArgumentHelp("Stored model id.", valueName: "id")) var model: String
    @Option(help: ArgumentHelp("Live session to reconcile.", valueName: "YYYY-MM-DD")) var session: String
    @Option(help: ArgumentHelp("Recording to build from (default: the one the live rows were made from).", valueName: "dir")) var replayFrom: String?
    @Option(help: ArgumentHelp("Model registry folder (default: the one recorded with the rows).", valueName: "dir")) var registry: String?

    func run() throws {
        let context = try ModelContext(global, ws, model: model)
        let day: Int32
        do { day = try Timestamps.parseDate(session) } catch { throw ValidationError("--session: \(error)") }
        let o = try Reconciliation(context: context, registry: registry.map { Registry(root: $0) }, session: day, recording: replayFrom).run()
        print("reconcile \(model) \(session) (batch build of \(o.recording)): \(o.compared) row(s) compared, \(o.equal) equal, \(o.differingRows) differing, \(o.liveOnly.count) live only, \(o.batchOnly.count) batch only")
        for note in o.notes { print("  note: \(note)") }
        if !o.differences.isEmpty { print("  key               decision                   field   live   batch") }
        for d in o.differences { print("  \(d.key)  \(d.decisionTS)\(d.entity.map { " " + $0 } ?? "")  \(d.field)  \(d.live)  \(d.batch)") }
        for row in o.liveOnly { print("  live only: \(row)") }
        for row in o.batchOnly { print("  batch only: \(row)") }
        print("  \(context.workspace.relative(o.reportPath))")
        if !o.reconciled { throw ExitCode(1) }
    }
}
