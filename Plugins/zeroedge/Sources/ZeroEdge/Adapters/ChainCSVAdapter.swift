import Indicators
import MarketKit
import PackKit

/// Option chains from vendors' files (SPXW EOD layout, Lean daily universes) in long format.
let chainCSVAdapter = DataAdapter(ComponentInfo(
    id: "chain-csv",
    description: "Option chain rows from a chain file or folder (SPXW EOD CSV, Lean YYYYMMDD.csv), one row per quote. "
        + "Query: source (required), start, end, dataset (\"chain\" only).",
    outputs: ChainRows.outputSpecs,
    causality: .none), market: .nyse) { query, _ in
    try ChainCSVAdapter.load(AdapterQuery(query, defaultDataset: "chain")).source()
}

enum ChainCSVAdapter {
    static func load(_ query: AdapterQuery) throws -> AdapterOutput {
        guard query.dataset == "chain" else {
            throw ComponentError("adapter 'chain-csv' returns chain rows only: query 'dataset' must be \"chain\", got '\(query.dataset)'")
        }
        let path = try query.requiredSource(for: "chain-csv")
        let all = try ChainFile.read(path: path)
        let snapshots = all.filter { (query.start...query.end).contains(newYorkDate($0.ts)) }
        guard !snapshots.isEmpty else {
            let span = all.isEmpty ? "it has no snapshots"
                : "it covers \(MarketDate.format(newYorkDate(all[0].ts)))..\(MarketDate.format(newYorkDate(all[all.count - 1].ts)))"
            throw ComponentError("\(path): no chain snapshots between \(MarketDate.format(query.start)) and "
                + "\(MarketDate.format(query.end)); \(span)")
        }
        var warnings: [String] = []
        let eodOnly = ChainCoverage.endOfDayOnly(snapshots)
        if !eodOnly.isEmpty {
            warnings.append("\(path): only end-of-day snapshots (16:00) on \(eodOnly.map(MarketDate.format).joined(separator: ", ")); "
                + "no intraday chain on those days")
        }
        return AdapterOutput(frame: try ChainRows.frame(snapshots), warnings: warnings)
    }
}
