import Foundation
import PackKit

/// Where a strategy backtest's outputs go in the workspace, per run and strategy:
/// `reports/strategies/<run>/<strategy>.json` (+ `_trades.csv`) and
/// `plots/strategies/<run>/<strategy>_{equity,drawdown}.svg`.
public struct StrategyFiles: Sendable {
    public let report, trades, equityPlot, drawdownPlot: String

    public init(workspace: Workspace, runID: String, strategy: String) throws(WorkspaceError) {
        try ModelID.check(runID, what: "run id")
        try ModelID.check(strategy, what: "strategy name")
        let reports = workspace.path("reports", "strategies", runID), plots = workspace.path("plots", "strategies", runID)
        report = (reports as NSString).appendingPathComponent("\(strategy).json")
        trades = (reports as NSString).appendingPathComponent("\(strategy)_trades.csv")
        equityPlot = (plots as NSString).appendingPathComponent("\(strategy)_equity.svg")
        drawdownPlot = (plots as NSString).appendingPathComponent("\(strategy)_drawdown.svg")
    }

    /// Every strategy report of a run, by file name order.
    public static func reports(workspace: Workspace, runID: String) throws(WorkspaceError) -> [String] {
        try ModelID.check(runID, what: "run id")
        let folder = workspace.path("reports", "strategies", runID)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    /// One line per trade, full precision, for people and for the oracle comparison.
    static func tradesCSV(_ trades: [StrategyTrade]) -> String {
        var out = "symbol,side,signal_index,entry_index,exit_index,entry_ts,exit_ts,entry_price,exit_price,qty,fees,pnl,return,exit_reason\n"
        for t in trades {
            out += "\(t.symbol),\(t.side > 0 ? "long" : "short"),\(t.signalIndex),\(t.entryIndex),\(t.exitIndex),\(Timestamps.iso(t.entryTs)),"
            out += "\(Timestamps.iso(t.exitTs)),\(t.entryPrice),\(t.exitPrice),\(t.qty),\(t.fees),\(t.pnl),\(t.returnOnNotional),\(t.exitReason.rawValue)\n"
        }
        return out
    }
}
