import Foundation
import MarketKit
import PackKit

/// QuantConnect/Lean ES minute files, `ES_1m_YYYYMMDD.csv` (`ts,contract,open,high,low,close,volume`,
/// every listed contract month interleaved), front-month filtered (`FrontMonth`). The files
/// hold trades only: the top of book, signed volume and the 0DTE gamma are **simulated on the
/// real futures path** (as `sim` makes them), which the adapter says in a warning.
let leanCSVAdapter = DataAdapter(ComponentInfo(
    id: "lean-csv",
    description: "ES minute trade bars of every contract month from Lean files ES_1m_YYYYMMDD.csv in the folder `source`; "
        + "front month by premarket volume, purity logged; quotes and 0DTE gamma simulated on the real path. Query: start, end, source.",
    params: [.int("seed", default: 11, min: 0, "seed of the simulated quotes and open interest")],
    outputs: ESBars.outputSpecs,
    causality: esCausality), market: esMarket) { query, params in
    let q = try ESQuery(query)
    guard let folder = q.source else { throw ComponentError("lean-csv: query 'source' (the folder of ES_1m_YYYYMMDD.csv files) is required") }
    let zone = try SessionClock.newYork()
    var rows: [ContractBar] = []
    for day in q.start...q.end {
        let name = "ES_1m_" + MarketDate.format(day).replacingOccurrences(of: "-", with: "") + ".csv"
        let path = (folder as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { continue }
        rows += try LeanMinuteFile.read(path)
    }
    guard !rows.isEmpty else { throw ComponentError("lean-csv: no ES_1m_YYYYMMDD.csv in \(folder) between \(MarketDate.format(q.start)) and \(MarketDate.format(q.end))") }
    return try realTradeFrames(rows, adapter: "lean-csv", seed: try params.int("seed"), zone: zone)
}

/// Real multi-contract trade bars → the adapters' frame: front month per session (purity
/// logged), book and gamma simulated on the real path. Shared by `lean-csv` and `silver`.
func realTradeFrames(_ rows: [ContractBar], adapter: String, seed: Int, zone: ZoneClock, book: RealBook = RealBook()) throws -> FrameList {
    let (front, total, sessions) = FrontMonth.filter(rows, zone: zone)
    let purity = sessions.map { "\(MarketDate.format($0.day)) \($0.front) \(Facts.decimal(100 * $0.purity, 1)) %" }
    HostServices.log(.warn, "\(adapter): front month and purity (share of all contracts' volume) per session: " + purity.joined(separator: ", "))
    var bars = try SimulatedBook(seed: UInt64(seed)).dress(front, total: total, zone: zone)
    if book.isEmpty {
        HostServices.log(.warn, "\(adapter): trade bars are real; bid/ask, sizes, signed volume and the 0DTE gamma are simulated on the real path")
    } else {
        let real = book.apply(to: &bars)
        HostServices.log(.warn, "\(adapter): trade bars are real; the top of book is real on \(real.quotes) of \(bars.count) minutes and the signed volume on \(real.signed) "
                         + "(quotes.csv), the rest and the 0DTE gamma are simulated on the real path")
    }
    return FrameList([try bars.frame()])
}

/// One Lean minute file, checked: every row has 7 fields, a UTC timestamp and positive prices.
enum LeanMinuteFile {
    static let header = "ts,contract,open,high,low,close,volume"

    static func read(_ path: String) throws -> [ContractBar] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ComponentError("\(path): cannot read") }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard lines.first.map(String.init) == header else { throw ComponentError("\(path):1: missing header '\(header)'") }
        return try lines.dropFirst().enumerated().map { n, line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            func fail(_ what: String) -> ComponentError { ComponentError("\(path):\(n + 2): \(what)") }
            guard f.count == 7 else { throw fail("expected 7 fields, got \(f.count)") }
            guard let ts = parseInstant(f[0]) else { throw fail("'\(f[0])' is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ") }
            let v = f[2...6].map { Double($0) }
            guard v.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }), v[0]! > 0 else { throw fail("prices and volume must be non-negative numbers") }
            return ContractBar(ts: ts, contract: String(f[1]), open: v[0]!, high: v[1]!, low: v[2]!, close: v[3]!, volume: v[4]!)
        }
    }

    static func parseInstant(_ text: Substring) -> Int64? {
        guard text.count == 20, text.hasSuffix("Z"), let day = MarketDate.parse(String(text.prefix(10))) else { return nil }
        let clock = text.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int64($0) }
        guard clock.count == 3, clock[0] < 24, clock[1] < 60, clock[2] < 60 else { return nil }
        return (Int64(day) * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]) * 1_000_000_000
    }
}

/// Top of book, signed volume and dealer gamma simulated on a real path, with the same rules
/// as `ESSimulator` (no planted effect): a deterministic function of (seed, bar time).
struct SimulatedBook {
    let seed: UInt64

    func dress(_ bars: [ContractBar], total: [Double], zone: ZoneClock) throws -> ESBars {
        var out = ESBars()
        var gamma: DealerGamma?
        for (i, bar) in bars.enumerated() {
            var rng = SeededRandom(seed: seed ^ UInt64(bitPattern: bar.ts) &* 0x9E37_79B9_7F4A_7C15)
            let day = zone.date(nanoseconds: bar.ts)
            if gamma?.day != day { gamma = DealerGamma(day: day, anchor: bar.open, vol: 0.14, seed: seed) }
            let close16 = zone.instant(day: day, minute: SessionClock.rthClose)
            let bid = rng.uniform() < 0.5 ? bar.close : bar.close - ESSimulator.tick
            let range = max(bar.high - bar.low, ESSimulator.tick)
            let signed = (bar.volume * max(-1, min(1, (bar.close - bar.open) / range))).rounded()
            let atm = (bar.close / ESBars.strikeStep).rounded() * ESBars.strikeStep
            let years = Double(close16 - (bar.ts + SessionClock.minute)) / 1e9 / (365 * 86_400)
            out.ts.append(bar.ts); out.open.append(bar.open); out.high.append(bar.high); out.low.append(bar.low); out.close.append(bar.close)
            out.volume.append(bar.volume); out.totalVolume.append(total[i]); out.contract.append(bar.contract)
            out.bid.append(bid); out.ask.append(bid + ESSimulator.tick)
            out.bidSize.append((30 + 50 * rng.uniform()).rounded()); out.askSize.append((30 + 50 * rng.uniform()).rounded())
            out.signedVolume.append(signed); out.atmStrike.append(atm)
            for (k, offset) in ESBars.strikeOffsets.enumerated() {
                out.gex[k].append(gamma!.exposure(strike: atm + Double(offset) * ESBars.strikeStep, spot: bar.close, years: years))
            }
        }
        return out
    }
}
