import ArgumentParser
import Foundation
import Host
import PackKit

struct BacktestStrategy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest-strategy",
        abstract: "Event-driven strategy backtest: blueprints (YAML) traded bar by bar with fees, slippage, sizing and risk controls.",
        discussion: """
            Each strategy names an event detector (event.<name> in the pack), a verb (mean_revert, continue), a state, \
            a holding period and a stop. Signals come at the event bar's close and fill at the next bar's open plus \
            slippage; the pack's risk profile sizes them and drops those its controls refuse (counted by reason). \
            Writes reports/strategies/<run>/<strategy>.json (+ _trades.csv), plots/strategies/<run>/*.svg and one \
            leaderboard row per strategy. README "Strategy backtests" has the rules.

            Example:
              edgehost backtest-strategy --pack crypto --run-id r1 --strategies vol_shock_mr_v1,liquidity_dislocation_mr_v1
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: "The pack whose data, detectors and risk profile are used.") var pack: String
    @Option(name: .customLong("run-id"), help: "Run id: names the report folder.") var runID: String
    @Option(help: ArgumentHelp("Strategies, comma-separated: the pack's names or paths to YAML files.", valueName: "list")) var strategies: String
    @Option(help: ArgumentHelp("Symbols for strategies with symbol \"*\" (default: the pack's ticker).", valueName: "list")) var symbols: String?
    @Option(help: "First day, YYYY-MM-DD (default: the pack's build range).") var start: String?
    @Option(help: "Last day, YYYY-MM-DD.") var end: String?
    @Option(name: .customLong("risk-profile"), help: "The pack's risk profile (default: its default).") var riskProfile: String?
    @OptionGroup var data: DataOptions
    @OptionGroup var store: StoreOptions
    @Flag(help: "Print the reports as JSON.") var json = false

    func run() throws {
        let workspace = ws.resolved
        var flow = StrategyBacktestRun(pack: pack, runID: runID, strategies: list(strategies))
        flow.symbols = symbols.map(list) ?? []
        flow.start = start
        flow.end = end
        flow.adapterID = data.adapter
        flow.adapterParams = try keyValues(data.adapterParams, option: "--adapter-param")
        flow.query = try data.query
        flow.riskProfile = riskProfile
        let outcomes = try flow.run(catalogue: try global.catalogue(), workspace: workspace,
                                    leaderboard: try LeaderboardStores.open(store.db, workspace: workspace))
        if json { print(JSON.array(outcomes.map(\.report)).prettyText, terminator: "") } else {
            print(StrategyBacktestRun.summary(outcomes, workspace: workspace))
        }
    }
}

struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Production checks any pack can use: data freshness, feature drift.",
        subcommands: [MonitorFreshness.self, MonitorDrift.self])
}

struct MonitorFreshness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freshness",
        abstract: "Exit 0 when every symbol's newest bar is recent, 1 naming each stale symbol and its age.",
        discussion: """
            Age, in bars, counts from the newest bar's close: (now − (start + bar)) / bar.

            Example:
              edgehost monitor freshness --pack crypto --symbols BTCUSDT,ETHUSDT --timeframe 5m --max-staleness-bars 3
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The pack whose data adapter is asked.") var pack: String
    @Option(help: ArgumentHelp("Symbols, comma-separated.", valueName: "list")) var symbols: String
    @Option(help: "Bar length: 1m, 5m, 1h, 1d.") var timeframe = "5m"
    @Option(name: .customLong("max-staleness-bars"), help: "Largest allowed age in bars.") var maxStalenessBars = 3.0
    @Option(help: ArgumentHelp("The clock, ISO-8601 UTC (default: now).", valueName: "instant")) var now: String?
    @OptionGroup var data: DataOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let catalogue = try global.catalogue()
        let defaults = try PackDefaults(pack: try catalogue.pack(pack))
        guard let adapter = try data.adapterRef(pack: pack, current: defaults.adapter) ?? defaults.adapter else {
            throw ValidationError("give --adapter (pack '\(pack)' has no default adapter)")
        }
        guard maxStalenessBars.isFinite, maxStalenessBars > 0, maxStalenessBars <= 1_000_000 else {
            throw ValidationError("--max-staleness-bars must be a number in (0, 1000000]")
        }
        let clock = try instant(now)
        let bar = try Freshness.barLength(timeframe)
        let newest = try Freshness.newestBars(catalogue: catalogue, adapter: adapter, query: defaults.query.merging(try data.query) { _, n in n },
                                              symbols: list(symbols), timeframe: timeframe, barNanoseconds: bar,
                                              maxStalenessBars: maxStalenessBars, now: clock)
        let result = Freshness(newest: newest, now: clock, barNanoseconds: bar, maxStalenessBars: maxStalenessBars)
        if json { print(result.json.prettyText, terminator: "") } else { result.rows.forEach { print($0.line) } }
        if result.stale { throw ExitCode(1) }
    }
}

struct MonitorDrift: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "PSI and two-sample KS per feature, live window against reference window; exit 1 when any feature drifts.",
        discussion: """
            Features come from runs/<run>/features/<symbol>.csv (ts + one column per feature), or --features FILE; \
            the report of a run's features is kept in runs/<run>/drift/<symbol>.json (the server's psi_feature, ks_feature). \
            PSI uses 10 bins at the reference's deciles (empty bins count as 1e-6).

            Example:
              edgehost monitor drift --run-id r1 --symbol BTCUSDT --reference-window-days 30 --live-window-days 7
            """)

    @OptionGroup var ws: WorkspaceOptions
    @Option(name: .customLong("run-id")) var runID: String
    @Option var symbol: String
    @Option(name: .customLong("reference-window-days")) var referenceWindowDays = 30.0
    @Option(name: .customLong("live-window-days")) var liveWindowDays = 7.0
    @Option(name: .customLong("max-psi")) var maxPSI = 0.3
    @Option(name: .customLong("max-ks")) var maxKS = 0.2
    @Option(help: ArgumentHelp("Features file instead of the run's.", valueName: "csv")) var features: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let path = try features ?? DriftFiles.features(workspace: ws.resolved, runID: runID, symbol: symbol)
        let report = try DriftReport(try FeatureTable.read(path: path), referenceDays: referenceWindowDays, liveDays: liveWindowDays,
                                     maxPSI: maxPSI, maxKS: maxKS)
        if features == nil { _ = try report.write(workspace: ws.resolved, runID: runID, symbol: symbol) }
        if json { print(report.json.prettyText, terminator: "") } else { print(report.table, terminator: "") }
        if report.drifted { throw ExitCode(1) }
    }
}

struct KillSwitchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill-switch",
        abstract: "PASS (0), WARN (1) or HALT (2) from data staleness, strategy drawdown and slippage; writes runs/<run>/kill_switch_status.json.",
        discussion: """
            Reads the run's strategy reports (edgehost backtest-strategy). Each check WARNs from 80 % of its limit.

            Example:
              edgehost kill-switch --run-id r1 --symbol BTCUSDT --max-staleness-bars 3 --max-drawdown -0.15 --max-slippage-ratio 2.5
            """)

    @OptionGroup var ws: WorkspaceOptions
    @Option(name: .customLong("run-id")) var runID: String
    @Option var symbol: String
    @Option(name: .customLong("max-staleness-bars")) var maxStalenessBars = 3.0
    @Option(name: .customLong("max-drawdown")) var maxDrawdown = -0.15
    @Option(name: .customLong("max-slippage-ratio")) var maxSlippageRatio = 2.5
    @Option(help: ArgumentHelp("The clock, ISO-8601 UTC (default: now).", valueName: "instant")) var now: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let workspace = ws.resolved
        let result = try KillSwitch(workspace: workspace, runID: runID, symbol: symbol, maxStalenessBars: maxStalenessBars,
                                    maxDrawdown: maxDrawdown, maxSlippageRatio: maxSlippageRatio, now: try instant(now))
        let path = try result.write(workspace: workspace)
        if json { print(result.json.prettyText, terminator: "") } else {
            print("kill-switch \(runID) \(symbol): \(result.verdict.rawValue)")
            for c in result.checks { print("  \(c.name): \(String(format: "%.4f", c.value)) (limit \(c.limit)) \(c.verdict.rawValue)") }
            print("  \(workspace.relative(path))")
        }
        if result.verdict != .pass { throw ExitCode(result.verdict.exitCode) }
    }
}

private func list(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

private func instant(_ text: String?) throws -> Int64 {
    guard let text else { return Int64(Date().timeIntervalSince1970 * 1e9) }
    guard let t = Timestamps.parseInstant(text) else { throw ValidationError("--now takes an ISO-8601 UTC instant such as 2024-03-01T12:00:00Z, got '\(text)'") }
    return t
}

struct StrategyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategy",
        abstract: "The strategy backtester over a bars file (Benchmarks/strategy/compare.py checks its trades against vectorbt).")

    @Option(help: "Bars CSV (ts,open,high,low,close,volume).") var bars: String
    @Option(name: .customLong("event-move"), help: "Event when |close/previous close − 1| exceeds this.") var eventMove = 0.004
    @Option(help: "mean_revert or continue.") var verb = "mean_revert"
    @Option(name: .customLong("horizon-bars")) var horizonBars = 12
    @Option(name: .customLong("stop-bps")) var stopBps = 10_000.0
    @Option(help: ArgumentHelp("Risk budgets as JSON (StrategyRiskRules keys).", valueName: "json")) var budgets = "{}"
    @Option(help: "Repetitions; the best time counts.") var repeats = 5
    @Option(name: .customLong("trades-out"), help: "Write the trades CSV here.") var tradesOut: String?

    func run() throws {
        guard let v = StrategyBlueprint.Verb(rawValue: verb) else { throw ValidationError("--verb takes mean_revert or continue") }
        let blueprint = StrategyBlueprint(name: "bench", eventType: "MOVE", verb: v, horizonBars: horizonBars, stopBps: stopBps)
        let rules = try StrategyRiskRules(budgets: try JSON.parse(budgets), source: "--budgets")
        print(try StrategyBenchmark.run(barsFile: bars, eventMove: eventMove, blueprint: blueprint, rules: rules, repeats: repeats, tradesOut: tradesOut))
    }
}
