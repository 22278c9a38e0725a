import Foundation
import MarketKit
import PackKit

/// Binance kline files, with funding files when given (README "Adapters").
let csvAdapter = DataAdapter(ComponentInfo(
    id: "csv",
    description: "Binance kline CSV files (ts,open,high,low,close,volume; ts = bar start, UTC): source = a file, or a folder holding "
        + "<SYMBOL>_<tf>_*.csv (5m from 1m files when no 5m file exists); funding = a ts,symbol,funding_rate file or a folder holding <SYMBOL>_funding.csv. "
        + "Query: start, end (UTC dates), symbol, source.",
    params: commonParams + [
        .string("source", default: "", "kline file or folder; empty: the query's 'source'"),
        .string("funding", default: "", "funding file or folder (optional; without it funding_rate is NaN)"),
    ],
    outputs: Klines.outputSpecs,
    causality: klineCausality), market: cryptoMarket) { query, params in
    let output = try CSVAdapter.load(CryptoQuery(query, params), funding: params.string("funding"))
    for line in output.warnings { HostServices.log(.warn, line) }
    return FrameList([output.frame])
}

enum CSVAdapter {
    struct Output {
        var frame: Frame
        var warnings: [String]
    }

    static func load(_ query: CryptoQuery, funding: String) throws -> Output {
        guard let source = query.source else { throw ComponentError("adapter 'csv' needs 'source' (a kline file or a folder of them)") }
        let bars = try self.bars(query, source: source)
        var warnings: [String] = []
        let gaps = KlineFile.gaps(bars.ts, bar: query.timeframe.nanoseconds)
        if let largest = gaps.max(by: { $0.missing < $1.missing }) {
            warnings.append("\(source): \(query.symbol) \(query.timeframe.rawValue) has \(gaps.count) gap(s), \(gaps.reduce(0) { $0 + $1.missing }) bar(s) missing "
                + "(largest: \(largest.missing) from \(UTCTime.format(largest.start))); gaps are not filled")
        }
        var rates = FundingRates()
        if !funding.isEmpty {
            rates = try FundingFile.read(path: fundingFile(funding, query.symbol), symbol: query.symbol)
            if let first = rates.ts.first, first > bars.ts.last! || rates.ts.last! < bars.ts.first! - 8 * 3_600_000_000_000 {
                warnings.append("\(funding): the funding prints (\(UTCTime.format(first))..\(UTCTime.format(rates.ts.last!))) do not cover the bars; funding_rate is NaN before the first print")
            }
        }
        let legs = spreadLegs(query, source: source, bars: bars, warnings: &warnings)
        return Output(frame: try bars.frame(funding: rates, legs: legs), warnings: warnings)
    }

    /// `query`'s bars from `source`, at its timeframe; an error when there are none.
    static func bars(_ query: CryptoQuery, source: String) throws -> Klines {
        let (files, fileBar) = try klineFiles(source, query)
        var all = Klines()
        for file in files {
            let bars = try KlineFile.read(path: file, symbol: query.symbol)
            if let first = bars.ts.first, let last = all.ts.last, first <= last {
                throw ComponentError("\(file): starts at \(UTCTime.format(first)), not after the previous file's last bar \(UTCTime.format(last))")
            }
            all.ts += bars.ts; all.open += bars.open; all.high += bars.high; all.low += bars.low; all.close += bars.close; all.volume += bars.volume
        }
        var bars = all.slice(query.nanosecondRange)
        if fileBar != query.timeframe.nanoseconds { bars = bars.aggregated(bar: query.timeframe.nanoseconds) }
        guard bars.count > 0 else {
            let span = all.ts.first.map { "the data covers \(UTCTime.format($0))..\(UTCTime.format(all.ts.last!))" } ?? "the data has no bars"
            throw ComponentError("\(source): no \(query.symbol) bars between \(MarketDate.format(query.start)) and \(MarketDate.format(query.end)); \(span)")
        }
        return bars
    }

    /// The spread's legs: the symbol's own bars for its leg, the other symbol's from the same
    /// folder. A leg that cannot be read (a single file as `source`, no file of that symbol, a
    /// broken one) is NaN, with a warning: the asked symbol's bars stay usable.
    static func spreadLegs(_ query: CryptoQuery, source: String, bars: Klines, warnings: inout [String]) -> SpreadLegs {
        var isFolder: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) && isFolder.boolValue
        return SpreadLegs(bars: SpreadLegs.symbols.map { leg in
            if leg == query.symbol { return bars }
            guard folder else {
                warnings.append("\(source): one file, no \(leg) bars: the cross-symbol spread (ret_spread) is NaN")
                return nil
            }
            var other = query
            other.symbol = leg
            do {
                return try self.bars(other, source: source)
            } catch {
                warnings.append("\(leg) bars for the cross-symbol spread: \(error); ret_spread is NaN")
                return nil
            }
        })
    }

    /// The files to read, oldest first, and their bar length. A folder: `<SYMBOL>_<tf>_*.csv`,
    /// or for 5m, the 1-minute files when there is no 5-minute one.
    static func klineFiles(_ source: String, _ query: CryptoQuery) throws -> ([String], Int64) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) else { throw ComponentError("\(source): no such file or folder") }
        guard isFolder.boolValue else {
            let tf = KlineFile.nameParts(source).flatMap { Timeframe(rawValue: $0.timeframe) } ?? query.timeframe
            if tf == .fiveMinutes, query.timeframe == .oneMinute {
                throw ComponentError("\(source): holds 5-minute bars (by its name); 1-minute bars cannot be made from them")
            }
            return ([source], tf.nanoseconds)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []
        for tf in query.timeframe == .fiveMinutes ? [Timeframe.fiveMinutes, .oneMinute] : [.oneMinute] {
            let files = names.filter { $0.hasPrefix("\(query.symbol)_\(tf.rawValue)_") && $0.hasSuffix(".csv") }.sorted()
            if !files.isEmpty { return (files.map { source + "/" + $0 }, tf.nanoseconds) }
        }
        let have = names.filter { $0.hasSuffix(".csv") }.sorted().prefix(10).joined(separator: ", ")
        throw ComponentError("\(source): no \(query.symbol)_\(query.timeframe.rawValue)_*.csv file (have: \(have.isEmpty ? "no CSV files" : have))")
    }

    static func fundingFile(_ path: String, _ symbol: String) -> String {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue ? path + "/\(symbol)_funding.csv" : path
    }
}
