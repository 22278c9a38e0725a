import ArgumentParser
import Foundation
import Host
import PackKit

struct Discover: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Event discovery: a pack's event detectors → phase 1 summaries, phase 2 candidates after costs with an FDR gate, blueprints.",
        discussion: """
            Reads the symbols' bars over --start..--end (trading days of the adapter's market) through the pack's \
            adapter, runs its event detectors (indicators named event.*) with the host's causality checks, and writes \
            reports/phase1/<run>/<EVENT>/summary.json, reports/phase2/<run>/<EVENT>/candidates.csv and \
            reports/strategy_blueprints/<run>/blueprints.jsonl; runs/<run>/run_manifest.json records the discovery \
            window. --phase 1 or 2 runs one phase; --event-type re-runs one type inside an existing run (the \
            Benjamini–Hochberg gate reuses the stored candidates of the other types).

            Example:
              edgehost discover --pack crypto --run-id r1 --symbols BTCUSDT,ETHUSDT --start 2024-01-01 --end 2024-06-30
              edgehost validate-oos --run-id r1 --eval-start 2024-07-01 --eval-end 2024-09-30
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var data: DataOptions
    @Option(help: "Pack id.") var pack: String
    @Option(help: ArgumentHelp("Run id: reports/*/<id>/ and runs/<id>/.", valueName: "id")) var runID: String
    @Option(help: ArgumentHelp("Symbols, comma-separated.", valueName: "A,B")) var symbols: String
    @Option(help: ArgumentHelp("First trading day of the discovery window, YYYY-MM-DD.", valueName: "date")) var start: String
    @Option(help: ArgumentHelp("Last trading day of the window, inclusive.", valueName: "date")) var end: String
    @Option(help: ArgumentHelp("Run one phase only: 1 (summaries) or 2 (candidates and blueprints); default both.", valueName: "1|2"))
    var phase: Int?
    @Option(help: ArgumentHelp("Only this event type (e.g. VOL_SHOCK).", valueName: "type")) var eventType: String?
    @Flag(help: "Re-check each blueprint on each symbol and on both halves of the window.") var hybrid = false
    @Option(help: ArgumentHelp("Horizons in bars, comma-separated.", valueName: "list")) var horizons = "1,3,6,12,24,48"
    @Option(help: "False-discovery rate of the Benjamini–Hochberg gate.") var fdr = 0.05
    @Option(help: "Fewest events a candidate needs to pass.") var minEvents = 30
    @Option(help: ArgumentHelp("Risk profile whose budgets give the costs (default: the pack's).", valueName: "name")) var riskProfile: String?
    @Option(name: .customLong("cost"), help: ArgumentHelp("Cost parameter over the profile's (repeatable): taker_fee_bps, slippage_bps_per_range_pct, slippage_volume_window, slippage_max_volume_factor.", valueName: "key=value"))
    var costs: [String] = []
    @Option(help: "Taker fee per side in bps (same as --cost taker_fee_bps=X).") var takerFeeBps: Double?
    @Flag(help: "Recompute every lake partition (ingest, clean, features) even when unchanged.") var force = false

    func validate() throws {
        if let phase, ![1, 2].contains(phase) { throw ValidationError("--phase must be 1 or 2, got \(phase)") }
        do { try RunLedger.check(runID: runID) } catch { throw ValidationError("--run-id: \(error)") }
    }

    func run() throws {
        let catalogue = try global.catalogue()
        let workspace = ws.resolved
        let list = symbols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var discovery = DiscoveryRun(pack: pack, runID: runID, symbols: list, start: try Timestamps.parseDate(start), end: try Timestamps.parseDate(end))
        if let phase { discovery.phases = [phase] }
        discovery.adapter = data.adapter
        discovery.adapterParams = try keyValues(data.adapterParams, option: "--adapter-param")
        discovery.query = try data.query
        discovery.eventType = eventType
        discovery.hybrid = hybrid
        discovery.horizons = try horizons.split(separator: ",", omittingEmptySubsequences: false).map {
            guard let h = Int($0.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--horizons takes bar counts separated by commas, got '\(horizons)'") }
            return h
        }
        discovery.fdr = fdr
        discovery.minEvents = minEvents
        discovery.riskProfile = riskProfile
        var overrides = try keyValues(costs, option: "--cost")
        if let unknown = overrides.keys.sorted().first(where: { !TradingCosts.keys.contains($0) }) {
            throw ValidationError("--cost: unknown parameter '\(unknown)' (known: \(TradingCosts.keys.joined(separator: ", ")))")
        }
        if let takerFeeBps { overrides["taker_fee_bps"] = .number(takerFeeBps) }
        discovery.costOverrides = overrides
        discovery.force = force
        discovery.progress = Progress("[discover]")
        let outcome = try discovery.run(catalogue: catalogue, workspace: workspace)
        print("discover --pack \(pack), run \(outcome.runID): \(list.joined(separator: ", ")) \(start)..\(end)")
        for r in outcome.lake { print("  \(r.line)") }
        for type in outcome.eventTypes { print("  \(type): \(outcome.events[type] ?? 0) events") }
        if !outcome.candidates.isEmpty {
            print("  candidates tried in the run: \(outcome.candidates.count); passing the gate (BH q ≤ \(fdr), n ≥ \(minEvents), after-cost > 0): \(outcome.passing)")
            for c in outcome.candidates.filter(\.passes).prefix(10) {
                print("    \(Blueprint.id(c)): n \(c.n), after-cost \(String(format: "%.2f", c.netBps)) bps, t \(String(format: "%.2f", c.t)), q \(String(format: "%.2g", c.q))")
            }
        }
        for file in outcome.files { print("  \(file)") }
        print("  \(workspace.relative(outcome.manifest))")
        for w in outcome.warnings.prefix(5) { print("  warning: \(w)") }
    }
}

struct ValidateOOS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-oos",
        abstract: "Exit 1 when an evaluation window overlaps a discovery run's window.")

    @OptionGroup var ws: WorkspaceOptions
    @Option(help: ArgumentHelp("The discovery run.", valueName: "id")) var runID: String
    @Option(help: ArgumentHelp("First day of the evaluation, YYYY-MM-DD.", valueName: "date")) var evalStart: String
    @Option(help: ArgumentHelp("Last day of the evaluation, inclusive.", valueName: "date")) var evalEnd: String

    func run() throws {
        print(try OutOfSampleWindow.check(workspace: ws.resolved, runID: runID, evalStart: try Timestamps.parseDate(evalStart),
                                          evalEnd: try Timestamps.parseDate(evalEnd)))
    }
}
