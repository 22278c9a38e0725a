#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MarketKit
import PackKit

/// Binance kline CSV files (`ts,open,high,low,close,volume`, ts = bar start, UTC), as in
/// `../shared/data/crypto/binance/<SYMBOL>_<tf>_<period>.csv`. The fields are parsed by
/// MarketKit's bars reader (errors "<file>:<line>: …"); this adds what klines need on top:
/// a file cut short, a bar whose high is below its low, the symbol and bar length its name
/// states, and the gaps (reported, never filled).
enum KlineFile {
    /// `BTCUSDT_5m_2023Q1.csv` → ("BTCUSDT", "5m"); nil when the name has another form.
    static func nameParts(_ path: String) -> (symbol: String, timeframe: String)? {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let parts = name.split(separator: "_")
        guard parts.count >= 2, name.hasSuffix(".csv"), parts[0].allSatisfy({ $0.isUppercase || $0.isNumber }) else { return nil }
        return (String(parts[0]), String(parts[1]).replacingOccurrences(of: ".csv", with: ""))
    }

    /// The bars of one file. `symbol`: the symbol asked; a file named for another is refused.
    static func read(path: String, symbol: String) throws -> Klines {
        if let named = nameParts(path)?.symbol, named != symbol {
            throw ComponentError("\(path): symbol mismatch: the file name says \(named), the query asks for \(symbol)")
        }
        let text = try Data(contentsOf: URL(fileURLWithPath: path))
        if let last = text.last, last != UInt8(ascii: "\n") {
            let lines = text.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } + 1
            throw ComponentError("\(path):\(lines): truncated file: the last line has no line end (a download or copy cut short?)")
        }
        let frame = try MinuteBarsFile.read(path: path)
        let bars = Klines(ts: Array(try frame.timestamps()), open: Array(try frame.float64("open")), high: Array(try frame.float64("high")),
                          low: Array(try frame.float64("low")), close: Array(try frame.float64("close")), volume: Array(try frame.float64("volume")))
        for i in 0..<bars.count where bars.high[i] < bars.low[i] || bars.high[i] < max(bars.open[i], bars.close[i]) || bars.low[i] > min(bars.open[i], bars.close[i]) {
            let stamp = UTCTime.format(bars.ts[i])
            throw ComponentError("\(path):\(line(of: stamp, in: text)): bad bar at \(stamp): high \(bars.high[i]) low \(bars.low[i]) "
                + "open \(bars.open[i]) close \(bars.close[i]) (high must be >= open, close and low)")
        }
        return bars
    }

    /// The 1-based line that starts with `stamp` (an error path only: scanning is fine).
    static func line(of stamp: String, in data: Data) -> Int {
        let text = String(decoding: data, as: UTF8.self)
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.hasPrefix(stamp) { return n + 1 }
        return 0
    }

    /// Missing bars between consecutive rows: (first missing bar's start, bars missing).
    static func gaps(_ ts: [Int64], bar: Int64) -> [(start: Int64, missing: Int64)] {
        var out: [(start: Int64, missing: Int64)] = []
        for i in 1..<max(ts.count, 1) where ts[i] - ts[i - 1] > bar {
            out.append((ts[i - 1] + bar, (ts[i] - ts[i - 1]) / bar - 1))
        }
        return out
    }
}
