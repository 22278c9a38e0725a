import Indicators
import MarketKit
import PackKit

extension ZeroEdge {
    static let adapters: [DataAdapter] = [simAdapter, csvAdapter, chainCSVAdapter, polygonAdapter]
}

/// A market frame's bar is known one minute after it starts.
let marketCausality = Causality(availabilityLagNanoseconds: 60_000_000_000)

/// What an adapter produced, with the data problems that are not errors. Tests read the
/// warnings here; the host sees them through `HostServices.log`.
struct AdapterOutput {
    var frame: Frame
    var warnings: [String] = []

    func source() -> any FrameSource {
        for line in warnings { HostServices.log(.warn, line) }
        return FrameList([frame])
    }

    /// The market frame (or, with `dataset: "chain"`, the chain rows) for regular-session
    /// `bars`, with the chain the query asks for: simulated on these bars, none, or from files.
    static func market(bars: Frame, query: AdapterQuery, seed: Int, chainMinutes: Int = 5, warnings: [String] = []) throws -> AdapterOutput {
        var warnings = warnings
        var snapshots: [ChainSnapshot]
        switch query.chain {
        case "none": snapshots = []
        case "sim":
            let simulator = ChainSimulator(seed: UInt64(bitPattern: Int64(seed)))
            guard query.dataset == "chain" else {
                // Summarise as the chains are made: the market frame needs no quote afterwards.
                var summaries: [(ts: Int64, summary: ChainSummary)] = []
                try simulator.forEachSnapshot(for: bars, every: chainMinutes) { summaries.append((ts: $0.ts, summary: ChainSummary($0))) }
                return AdapterOutput(frame: try MarketFrame.attach(summaries: summaries, to: bars), warnings: warnings)
            }
            snapshots = try simulator.snapshots(for: bars, every: chainMinutes)
        default:
            snapshots = try ChainFile.read(path: query.chain).filter { (query.start...query.end).contains(newYorkDate($0.ts)) }
            let days = Array(Set(try bars.timestamps().map(newYorkDate)))
            warnings += ChainCoverage.warnings(snapshots, sessions: days)
            if query.dataset == "market" {
                // The market frame's chain columns describe the 0DTE expiry only.
                let intraday = ChainCoverage.kinds(snapshots)
                snapshots = ChainCoverage.zeroDTE(snapshots)
                let zeroDTEDays = Set(snapshots.map(\.expiry))
                for day in days.sorted() where intraday[day] == true && !zeroDTEDays.contains(day) {
                    warnings.append("\(MarketDate.format(day)): chain has no same-day (0DTE) expiry — chain features are NaN")
                }
            }
        }
        if query.dataset == "chain" { return AdapterOutput(frame: try ChainRows.frame(snapshots), warnings: warnings) }
        return AdapterOutput(frame: try MarketFrame.attach(snapshots, to: bars), warnings: warnings)
    }
}
