import Indicators
import MarketKit
import PackKit

/// Real 1-minute bars from a CSV file, cut to the regular session, with a chain simulated on
/// them (default), none, or read from chain files.
let csvAdapter = DataAdapter(ComponentInfo(
    id: "csv",
    description: "1-minute bars from a CSV file (ts,open,high,low,close,volume; ts = bar start, ISO-8601 UTC), "
        + "regular session only. Query: source (required), start, end, chain (\"sim\" | \"none\" | chain file/folder), "
        + "dataset (\"market\" | \"chain\").",
    params: [.int("seed", default: 7, min: 0, "seed of the simulated chain")],
    outputs: MarketFrame.outputSpecs,
    causality: marketCausality), market: .nyseMinutes) { query, params in
    try CSVAdapter.load(AdapterQuery(query), seed: params.int("seed")).source()
}

enum CSVAdapter {
    static func load(_ query: AdapterQuery, seed: Int) throws -> AdapterOutput {
        let path = try query.requiredSource(for: "csv")
        let range = query.nanosecondRange
        let raw = try MinuteBarsFile.read(path: path, from: range.lowerBound, to: range.upperBound)
        guard raw.rowCount > 0 else { throw ComponentError(try emptyRangeMessage(path: path, query: query)) }
        let (bars, report) = try RegularSession.filter(raw)
        guard bars.rowCount > 0 else {
            throw ComponentError("\(path): no regular-session bars between \(MarketDate.format(query.start)) and "
                + "\(MarketDate.format(query.end)) (\(raw.rowCount) bars, all outside the session)")
        }
        return try AdapterOutput.market(bars: bars, query: query, seed: seed, warnings: report.messages)
    }

    static func emptyRangeMessage(path: String, query: AdapterQuery) throws -> String {
        let all = try MinuteBarsFile.read(path: path).timestamps()
        let asked = "\(MarketDate.format(query.start))..\(MarketDate.format(query.end))"
        guard let first = all.first, let last = all.last else { return "\(path): the file has no bars (asked \(asked))" }
        return "\(path): no bars between \(asked); the file covers \(MarketDate.format(newYorkDate(first)))"
            + "..\(MarketDate.format(newYorkDate(last)))"
    }
}
