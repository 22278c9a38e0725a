import ArgumentParser
import Foundation
import Host
import PackKit

struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the newest session of the built matrix and write high-confidence signals.",
        discussion: """
            Loads artifacts/<model>/<risk_profile>/, scores the last session's decisions in the allowed hours and \
            appends to live_data/<model>/signals.csv (ts, model_id, model_version, action, probability, threshold, \
            hour, key) every call whose probability clears the threshold and whose class trades, up to the risk \
            profile's trades per day. The key is a digest of model, version, decision time and action: rerunning \
            never duplicates a row. The threshold defaults to the profile's best backtested one, else its floor.

            A live day:
              edgehost build --model spy_opt_0dte_hourly --start today --end today
              edgehost alerts --model spy_opt_0dte_hourly --allowed-hours 13,14,15
            (EDGEHOST_TODAY=YYYY-MM-DD replays a past day as 'today'.)
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var options: ModelOptions
    @Option(help: ArgumentHelp("Lowest probability that alerts (default: see above).", valueName: "p")) var threshold: Double?

    func run() throws {
        let context = try ModelContext(global, ws, model: options.model)
        let outcome = try writeAlerts(context, options: options, threshold: threshold)
        if options.json {
            print(JSONSummary.alerts(outcome, workspace: context.workspace).prettyText, terminator: "")
            return
        }
        let session = outcome.session.map(Timestamps.date) ?? "none"
        print("alerts \(options.model): session \(session), threshold \(String(format: "%.2f", outcome.threshold)) (\(outcome.thresholdSource)): \(outcome.signals.count) signal(s), \(outcome.added) new")
        for s in outcome.signals { print("  \(Timestamps.iso(s.ts)) \(s.action) p=\(String(format: "%.3f", s.probability)) key \(s.key)") }
        print("  \(context.workspace.relative(outcome.path)) (in \(context.workspace.root))")
    }
}

func writeAlerts(_ context: ModelContext, options: ModelOptions, threshold: Double?) throws -> AlertStage.Outcome {
    if let threshold, !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be a probability in (0, 1], got \(threshold)") }
    let risk = try options.risk(context)
    let hours = try options.allowedHours.map(parseHours)
    return try AlertStage(workspace: context.workspace, ledger: RunLedger(workspace: context.workspace))
        .alerts(model: context.plan.config.modelID, risk: risk, threshold: threshold, hours: hours)
}

enum JSONSummary {
    static func alerts(_ o: AlertStage.Outcome, workspace: Workspace) -> JSON {
        .object([
            "session": o.session.map { .string(Timestamps.date($0)) } ?? .null, "threshold": .number(o.threshold),
            "threshold_source": .string(o.thresholdSource), "signals": .number(Double(o.signals.count)),
            "added": .number(Double(o.added)), "path": .string(workspace.relative(o.path)),
            "keys": .strings(o.signals.map(\.key)),
        ])
    }
}
