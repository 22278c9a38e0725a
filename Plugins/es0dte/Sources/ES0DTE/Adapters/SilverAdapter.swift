import Foundation
import MarketKit
import PackKit

/// The lake's silver layer (`edgehost lake silver`): one-minute trade bars of every contract
/// month per UTC date, `<source>/date=YYYY-MM-DD/bars.csv`, in the Lean minute files' columns,
/// built from the bronze DBN trades. `source` is that `underlying=ES` folder or the lake's root.
/// Front-month filtered and dressed like `lean-csv` (same rows, same frame), except that a
/// date's `quotes.csv` (real top of book and signed volume from bronze, `RealBook`) replaces
/// the simulated book where it has facts.
let silverAdapter = DataAdapter(ComponentInfo(
    id: "silver",
    description: "ES minute trade bars from the lake's silver partitions <source>/date=YYYY-MM-DD/bars.csv (edgehost lake silver), "
        + "front month by premarket volume, purity logged; top of book and signed volume real where quotes.csv has them, else simulated with the 0DTE gamma on the real path. Query: start, end, source.",
    params: [.int("seed", default: 11, min: 0, "seed of the simulated quotes and open interest")],
    outputs: ESBars.outputSpecs,
    causality: esCausality), market: esMarket) { query, params in
    let q = try ESQuery(query)
    guard let given = q.source else { throw ComponentError("silver: query 'source' (the lake, or its silver/es-minute/underlying=ES folder) is required") }
    let nested = (given as NSString).appendingPathComponent("silver/es-minute/underlying=ES")
    let folder = FileManager.default.fileExists(atPath: nested) ? nested : given
    var rows: [ContractBar] = []
    var book = RealBook()
    for day in q.start...q.end {
        let path = (folder as NSString).appendingPathComponent("date=\(MarketDate.format(day))/bars.csv")
        guard FileManager.default.fileExists(atPath: path) else { continue }
        rows += try LeanMinuteFile.read(path)
        let quotes = (folder as NSString).appendingPathComponent("date=\(MarketDate.format(day))/quotes.csv")
        if FileManager.default.fileExists(atPath: quotes) { try book.add(path: quotes) }
    }
    guard !rows.isEmpty else {
        throw ComponentError("silver: no date=YYYY-MM-DD/bars.csv in \(folder) between \(MarketDate.format(q.start)) and \(MarketDate.format(q.end)) "
                             + "(build them with `edgehost lake silver`)")
    }
    return try realTradeFrames(rows, adapter: "silver", seed: try params.int("seed"), zone: try SessionClock.newYork(), book: book)
}
