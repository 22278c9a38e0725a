import Indicators
import MarketKit
import PackKit

/// The SPXW end-of-day chain file (`../shared/data/options/SPXW_eod_chains_2018.csv`): its put
/// rows in long format with the pack's risk-neutral breach probability beside the vendor's
/// greeks. End of day only: the file has no intraday quote, so no decision ladder is built from
/// it, and every read says so in a warning rather than inventing intraday data.
let chainCSVAdapter = DataAdapter(ComponentInfo(
    id: "chain-csv",
    description: "SPXW end-of-day chain rows (puts) with years to expiry and the risk-neutral breach probability N(-d2) "
        + "from the vendor's implied vol; end of day only (no intraday ladder). Query: source (required), start, end.",
    outputs: ChainRows.outputSpecs + [.float64("years", "calendar years from the quote to the expiry's close"),
                                      .float64("rn_breach", allowsNaN: true, "N(-d2): risk-neutral P(close < strike), NaN without an implied vol")],
    causality: .none), market: .nyse) { query, _ in
    let q = try PutQuery(query)
    guard let path = q.source else { throw ComponentError("chain-csv: query 'source' is required (a chain file or folder)") }
    let snapshots = try ChainFile.read(path: path).filter { (q.start...q.end).contains(newYorkDate($0.ts)) }
        .map { ChainSnapshot(ts: $0.ts, expiry: $0.expiry, spot: $0.spot, quotes: $0.quotes.filter { $0.right == .put }) }
    guard snapshots.contains(where: { !$0.quotes.isEmpty }) else {
        throw ComponentError("\(path): no put quotes between \(MarketDate.format(q.start)) and \(MarketDate.format(q.end))")
    }
    HostServices.log(.warn, "chain-csv: \(path) holds end-of-day quotes only (16:00 New York); no intraday ladder, "
        + "so these rows check pricing (N(-d2) against the vendor's delta), they are not decisions")
    let rows = try ChainRows.frame(snapshots)
    let ts = try rows.timestamps(), expiry = try rows.timestamps("expiry")
    let strike = try rows.float64("strike"), iv = try rows.float64("iv"), spot = try rows.float64("spot")
    var years: [Double] = [], breach: [Double] = []
    for i in 0..<rows.rowCount {
        let t = Double(expiry[i] - ts[i]) / 1e9 / (365 * 86_400)
        years.append(t)
        breach.append(RiskNeutral.breachProbability(spot: spot[i], strike: strike[i], years: t, vol: iv[i]))
    }
    return FrameList([try Frame(rows.columns + [.float64("years", years), .float64("rn_breach", breach)])])
}
