import Foundation
import PackKit

/// `edgehost run` for a pack whose defaults say `workflow: discovery` (crypto): discover on the
/// pack's symbols and range (phase 1, phase 2 with the false-discovery gate, blueprints), then
/// backtest the pack's shipped strategies over the same window, under one run id. The outcome
/// says which of the simulator's planted effects passed the gate and whether a control did.
public struct DiscoveryPipelineRun {
    public var pack: String
    /// nil = a new one (`RunLedger.newRunID()`).
    public var runID: String?
    public var adapterID: String?
    public var adapterParams: [String: JSON] = [:]
    public var query: [String: JSON] = [:]
    /// UTC days; nil = the pack's build range.
    public var start: Int32?, end: Int32?
    /// Recompute every lake partition even when its inputs are unchanged.
    public var force = false
    public var progress: Progress = .silent

    public init(pack: String) { self.pack = pack }

    /// A planted effect at one horizon, and whether its all-states candidate passed the gate.
    public struct PlantedCheck: Sendable {
        public let eventType: String, verb: String, horizon: Int
        public let found: Bool
        /// The candidate's after-cost expectancy, bps (nil when the run has no such candidate).
        public let netBps: Double?
    }

    public struct Outcome: Sendable {
        public let runID: String
        public let discovery: DiscoveryRun.Outcome
        public let strategies: [StrategyBacktest.Outcome]
        public let planted: [PlantedCheck]
        /// Control event types with the number of their candidates that passed (should be 0).
        public let controls: [(eventType: String, passing: Int)]
        /// The pack's line on what the numbers mean, when the run is on its default adapter.
        public let about: String?
        public let start: Int32, end: Int32
    }

    public func run(catalogue: PackCatalogue, workspace: Workspace, leaderboard: (any LeaderboardStore)?) throws -> Outcome {
        let loaded = try catalogue.pack(pack)
        let defaults = try PackDefaults(pack: loaded)
        guard defaults.workflow == .discovery, let settings = defaults.discovery else {
            throw WorkspaceError("pack '\(pack)' does not declare the discovery workflow (defaults.yaml: workflow: discovery)")
        }
        guard let from = try start ?? defaults.build.map({ try Timestamps.parseDate($0.start) }),
              let to = try end ?? defaults.build.map({ try Timestamps.parseDate($0.end) }) else {
            throw EdgehostError(code: "usage", "give --start and --end (pack '\(pack)' has no default range)", exit: .usage)
        }
        let id = runID ?? RunLedger.newRunID()
        let adapter = adapterID ?? defaults.adapter?.id
        let params = (defaults.adapter?.id == adapter ? defaults.adapter?.params ?? [:] : [:]).merging(adapterParams) { _, given in given }

        var discovery = DiscoveryRun(pack: pack, runID: id, symbols: settings.symbols, start: from, end: to)
        discovery.adapter = adapter
        discovery.adapterParams = params
        discovery.query = defaults.query.merging(query) { _, given in given }
        discovery.hybrid = true
        discovery.force = force
        discovery.progress = progress
        let found = try discovery.run(catalogue: catalogue, workspace: workspace)

        var strategies = StrategyBacktestRun(pack: pack, runID: id, strategies: settings.strategies)
        strategies.symbols = settings.symbols
        strategies.start = Timestamps.date(from)
        strategies.end = Timestamps.date(to)
        strategies.adapterID = adapter
        strategies.adapterParams = params
        strategies.query = discovery.query
        strategies.series = found.series
        let traded = try strategies.run(catalogue: catalogue, workspace: workspace, leaderboard: leaderboard)

        let planted = settings.planted.flatMap { effect in
            effect.horizons.map { h in
                let candidate = found.candidates.first {
                    $0.eventType == effect.eventType && $0.verb.rawValue == effect.verb && $0.horizon == h && $0.state == Candidate.allStates
                }
                return PlantedCheck(eventType: effect.eventType, verb: effect.verb, horizon: h, found: candidate?.passes ?? false,
                                    netBps: candidate?.netBps)
            }
        }
        let controls = settings.controls.map { type in (type, found.candidates.filter { $0.eventType == type && $0.passes }.count) }
        let onDefaultData = adapter == defaults.adapter?.id && adapterParams.isEmpty && query.isEmpty
        return Outcome(runID: id, discovery: found, strategies: traded, planted: planted, controls: controls,
                       about: onDefaultData ? defaults.about : nil, start: from, end: to)
    }
}
