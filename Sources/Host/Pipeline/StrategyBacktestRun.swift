import Foundation
import PackKit

/// `edgehost backtest-strategy`: resolves the strategies (the pack's `strategies/<name>.yaml`
/// or YAML paths), loads bars and events through the pack, sizes with its risk profile, and
/// writes every strategy's report, trades, plots and leaderboard row (`StrategyBacktest`).
public struct StrategyBacktestRun {
    public var pack: String
    public var runID: String
    /// Names or paths, as given to `--strategies`.
    public var strategies: [String]
    /// Symbols for strategies with `symbol: "*"`; empty = the pack's default ticker.
    public var symbols: [String] = []
    /// YYYY-MM-DD; nil = the pack's default build range.
    public var start: String?
    public var end: String?
    /// nil = the pack's default adapter.
    public var adapterID: String?
    public var adapterParams: [String: JSON] = [:]
    public var query: [String: JSON] = [:]
    public var riskProfile: String?
    /// The bars and events to trade (discovery's, in `edgehost run`); nil = read through the lake.
    public var series: EventSeries?
    /// Recompute the lake's partitions even when unchanged (when `series` is nil).
    public var force = false

    public init(pack: String, runID: String, strategies: [String]) {
        self.pack = pack
        self.runID = runID
        self.strategies = strategies
    }

    public func run(catalogue: PackCatalogue, workspace: Workspace, leaderboard: (any LeaderboardStore)?) throws -> [StrategyBacktest.Outcome] {
        try ModelID.check(runID, what: "run id")
        guard !strategies.isEmpty else { throw EdgehostError(code: "usage", "--strategies names no strategy", exit: .usage) }
        let loaded = try catalogue.pack(pack)
        let defaults = try PackDefaults(pack: loaded)
        let blueprints = try strategies.map(StrategyCatalogue(pack: pack, resources: loaded.resources).resolve)
        let names = blueprints.map(\.name)
        if let twice = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw EdgehostError(code: "usage", "strategy '\(twice)' is named twice", exit: .usage)
        }
        let wanted = symbols.isEmpty ? [defaults.ticker].compactMap { $0 } : symbols
        var chosen = blueprints.map(\.symbol).filter { $0 != "*" }
        if blueprints.contains(where: { $0.symbol == "*" }) { chosen += wanted }
        let symbolList = chosen.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !symbolList.isEmpty else {
            throw EdgehostError(code: "usage", "no symbol to trade: give --symbols (the pack has no default ticker)", exit: .usage)
        }
        guard let from = start ?? defaults.build?.start, let to = end ?? defaults.build?.end else {
            throw EdgehostError(code: "usage", "give --start and --end (pack '\(pack)' has no default range)", exit: .usage)
        }
        guard let adapter = ComponentRef.overriding(defaults.adapter, pack: pack, id: adapterID, params: adapterParams) ?? defaults.adapter else {
            throw EdgehostError(code: "usage", "give --adapter (pack '\(pack)' has no default adapter)", exit: .usage)
        }
        let types = blueprints.map { $0.eventType.uppercased() }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let events: EventSeries
        if let series {
            events = series
        } else {
            // Through the lake, like discovery: each stage skips what is unchanged.
            var lake = try Lake(catalogue: catalogue, workspace: workspace, pack: pack, adapter: adapter.id, adapterParams: adapter.params,
                                query: defaults.query.merging(query) { _, new in new })
            lake.force = force
            let build = try LakeBuild(lake: lake, symbols: symbolList, start: try Timestamps.parseDate(from), end: try Timestamps.parseDate(to))
            _ = try build.ingest()
            _ = try build.clean()
            events = try build.eventSeries(try build.features().tables, eventTypes: types)
        }
        let (bars, sha) = try Self.bars(events, symbols: symbolList, eventTypes: types)
        let risk = try RiskBudget(riskProfile, pack: loaded, defaults: defaults)
        return try StrategyBacktest(workspace: workspace, runID: runID, leaderboard: leaderboard)
            .run(blueprints, bars: bars, riskProfile: risk.id, budgets: risk.budgets, dataSHA: sha)
    }

    /// Per detector (`vol_shock`), every symbol's bars with its flag and state; and a digest of
    /// the bars (each symbol's data SHA-256).
    static func bars(_ series: EventSeries, symbols: [String], eventTypes: [String]) throws -> (bars: [String: [StrategyBars]], sha: String) {
        var out: [String: [StrategyBars]] = [:]
        var digest: [String] = []
        for symbol in symbols {
            guard let s = series.symbols.first(where: { $0.symbol == symbol }) else {
                throw WorkspaceError("the event series has no \(symbol) (it has: \(series.symbols.map(\.symbol).joined(separator: ", ")))")
            }
            guard s.ts.count > 1 else {
                throw WorkspaceError("adapter '\(series.pack).\(series.adapter)' returned \(s.ts.count) bars for \(symbol) \(Timestamps.date(series.start))..\(Timestamps.date(series.end)): nothing to backtest")
            }
            digest.append("\(symbol):\(s.dataSHA)")
            for type in eventTypes {
                guard let e = s.events[type] else {
                    throw WorkspaceError("pack '\(series.pack)' has no event detector 'event.\(type.lowercased())' (it has: \(series.detectors.map(\.indicator).joined(separator: ", ")))")
                }
                out[type.lowercased(), default: []].append(try StrategyBars(symbol: symbol, ts: s.ts, open: s.open, high: s.high, low: s.low,
                                                                            close: s.close, volume: s.volume, flag: e.flag, state: e.state))
            }
        }
        return (out, Hashing.sha256(digest.joined(separator: "\n")))
    }

    /// One line per strategy for people.
    public static func summary(_ outcomes: [StrategyBacktest.Outcome], workspace: Workspace) -> String {
        outcomes.map { o in
            let r = o.run
            let drops = r.dropsByReason.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "strategy \(r.blueprint.name): \(r.trades.count) trades, win rate \(String(format: "%.1f%%", r.winRate * 100)), "
                + "expectancy \(String(format: "%.2f", r.expectancyUSD)) USD/trade after costs, total \(String(format: "%.2f%%", r.totalReturn * 100)), "
                + "Sharpe \(String(format: "%.2f", r.sharpe)), max drawdown \(String(format: "%.2f%%", r.maxDrawdown * 100)); "
                + "dropped: \(drops.isEmpty ? "none" : drops); gate \(o.status)\n  \(workspace.relative(o.files.report))"
        }.joined(separator: "\n")
    }
}
