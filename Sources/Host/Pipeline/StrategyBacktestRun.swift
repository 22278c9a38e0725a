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
        let inputs = StrategyInputs(catalogue: catalogue, pack: pack, adapter: adapter, query: defaults.query.merging(query) { _, new in new })
        let (bars, sha) = try inputs.load(symbols: symbolList, eventTypes: blueprints.map(\.eventType), start: from, end: to)
        let risk = try RiskBudget(riskProfile, pack: loaded, defaults: defaults)
        return try StrategyBacktest(workspace: workspace, runID: runID, leaderboard: leaderboard)
            .run(blueprints, bars: bars, riskProfile: risk.id, budgets: risk.budgets, dataSHA: sha)
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
