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

            With a registry (--registry, else EDGEHOST_REGISTRY, else ./registry) holding an active version of the \
            model, that version scores instead of the workspace artifact; a shadow version is scored too, into \
            live_data/<model>/shadow_signals.csv (never alerting). Under a canary rollout each decision is routed by \
            a hash of its time: canary decisions alert the shadow's call, baseline ones the active's; the route \
            column says which (full when the active alone decides).

            A live day:
              edgehost build --model spy_opt_0dte_hourly --start today --end today
              edgehost alerts --model spy_opt_0dte_hourly --allowed-hours 13,14,15
            (EDGEHOST_TODAY=YYYY-MM-DD replays a past day as 'today'.)
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var options: ModelOptions
    @Option(help: ArgumentHelp("Lowest probability that alerts (default: see above).", valueName: "p")) var threshold: Double?
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?

    func run() throws {
        let context = try ModelContext(global, ws, model: options.model)
        let outcome = try writeAlerts(context, options: options, threshold: threshold, registry: registry)
        if options.json {
            print(JSONSummary.alerts(outcome, workspace: context.workspace).prettyText, terminator: "")
            return
        }
        let session = outcome.session.map(Timestamps.date) ?? "none"
        print("alerts \(options.model) \(outcome.modelVersion) (\(outcome.source), rollout \(outcome.rollout)): session \(session), threshold \(String(format: "%.2f", outcome.threshold)) (\(outcome.thresholdSource)): \(outcome.signals.count) signal(s), \(outcome.added) new")
        for s in outcome.signals { print("  \(Timestamps.iso(s.ts)) \(s.action) p=\(String(format: "%.3f", s.probability)) \(s.modelVersion) \(s.route) key \(s.key)") }
        print("  \(context.workspace.relative(outcome.path)) (in \(context.workspace.root))")
        if let shadow = outcome.shadow {
            print("shadow \(shadow.modelVersion): \(shadow.signals.count) call(s), \(shadow.added) new (not alerted): \(context.workspace.relative(shadow.path))")
        }
    }
}

/// `registry` is the --registry option; nil resolves EDGEHOST_REGISTRY, else ./registry (absent = none).
func writeAlerts(_ context: ModelContext, options: ModelOptions, threshold: Double?, registry: String? = nil) throws -> AlertStage.Outcome {
    if let threshold, !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be a probability in (0, 1], got \(threshold)") }
    let risk = try options.risk(context)
    let hours = try options.allowedHours.map(parseHours)
    let resolved = Registry.resolve(registry)
    try checkRegistryFolder(resolved)
    return try AlertStage(workspace: context.workspace, ledger: RunLedger(workspace: context.workspace), registry: resolved)
        .alerts(model: context.plan.config.modelID, risk: risk, threshold: threshold, hours: hours)
}

enum JSONSummary {
    static func alerts(_ o: AlertStage.Outcome, workspace: Workspace) -> JSON {
        .object([
            "session": o.session.map { .string(Timestamps.date($0)) } ?? .null, "threshold": .number(o.threshold),
            "threshold_source": .string(o.thresholdSource), "signals": .number(Double(o.signals.count)),
            "added": .number(Double(o.added)), "path": .string(workspace.relative(o.path)),
            "keys": .strings(o.signals.map(\.key)), "routes": .strings(o.signals.map(\.route)),
            "model_version": .string(o.modelVersion), "source": .string(o.source), "rollout": .string(o.rollout),
            "shadow": o.shadow.map { s in
                .object(["model_version": .string(s.modelVersion), "signals": .number(Double(s.signals.count)),
                         "added": .number(Double(s.added)), "path": .string(workspace.relative(s.path))])
            } ?? .null,
        ])
    }
}
