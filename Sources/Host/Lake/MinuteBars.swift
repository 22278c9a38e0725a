import DBN
import Foundation

/// One-minute trade bars per contract, from DBN trades (`TradeMsg`) or from the trades of a
/// market-by-order file (`MboMsg` with action `T`). Prices stay fixed-point (1e-9) until
/// written, so the text is exact.
struct MinuteBars {
    struct Key: Hashable, Comparable {
        var minute: UInt64
        var contract: String
        static func < (a: Key, b: Key) -> Bool { (a.minute, a.contract) < (b.minute, b.contract) }
    }

    struct Bar {
        var open: Int64, high: Int64, low: Int64, close: Int64
        var volume: UInt64
    }

    static let minute: UInt64 = 60_000_000_000
    private(set) var bars: [Key: Bar] = [:]
    /// The trades' signed volume (and the quotes, added by `SilverBuild`), for `quotes.csv`.
    var book = MinuteQuotes()

    /// Adds the trades of `path` whose minute starts in `[from, to)` (nanoseconds); trades
    /// within a file are in time order, and files are added in path order, so open and close
    /// are the first and last trade of the minute.
    mutating func add(path: String, from: UInt64, to: UInt64) throws {
        try EdgehostError.reportingDBN {
            let decoder = try DBNDecoder(path: path)
            let contracts = Self.contracts(decoder.metadata)
            while let batch = try decoder.nextBatch() {
                guard batch.layoutName == "TradeMsg" || batch.layoutName == "MboMsg",
                      case .uint64(let ts)? = batch.column("ts_event")?.values,
                      case .int64(let price)? = batch.column("price")?.values,
                      case .uint32(let size)? = batch.column("size")?.values,
                      case .uint32(let instrument)? = batch.column("instrument_id")?.values,
                      case .uint8(let action)? = batch.column("action")?.values,
                      case .uint8(let side)? = batch.column("side")?.values else { continue }
                let tradesOnly = batch.layoutName == "MboMsg"
                for i in 0..<batch.count where ts[i] != DBNFormat.undefinedTimestamp && price[i] != DBNFormat.undefinedPrice {
                    if tradesOnly && action[i] != UInt8(ascii: "T") { continue }
                    let start = ts[i] - ts[i] % Self.minute
                    guard start >= from, start < to, size[i] > 0 else { continue }
                    let key = Key(minute: start, contract: contracts[instrument[i]] ?? String(instrument[i]))
                    book.addTrade(key, size: size[i], side: side[i])
                    if var bar = bars[key] {
                        bar.high = max(bar.high, price[i]); bar.low = min(bar.low, price[i]); bar.close = price[i]
                        bar.volume += UInt64(size[i])
                        bars[key] = bar
                    } else {
                        bars[key] = Bar(open: price[i], high: price[i], low: price[i], close: price[i], volume: UInt64(size[i]))
                    }
                }
            }
        }
    }

    /// instrument_id → raw symbol (`ESH4`), from the metadata's symbol mappings.
    static func contracts(_ metadata: DBNMetadata) -> [UInt32: String] {
        var out: [UInt32: String] = [:]
        for mapping in metadata.mappings {
            for interval in mapping.intervals {
                if let id = UInt32(interval.symbol), out[id] == nil { out[id] = mapping.rawSymbol }
            }
        }
        return out
    }

    /// The bars as CSV lines (no header), sorted by minute then contract.
    func lines() -> [String] {
        bars.keys.sorted().map { key in
            let bar = bars[key]!
            let ts = String((DBNFormat.timestamp(key.minute) ?? "").prefix(19)) + "Z"
            return [ts, key.contract, Self.decimal(bar.open), Self.decimal(bar.high), Self.decimal(bar.low),
                    Self.decimal(bar.close), String(bar.volume)].joined(separator: ",")
        }
    }

    /// `4799.25` from 4799250000000: the fixed-point price without trailing zeros.
    static func decimal(_ raw: Int64) -> String {
        var text = DBNFormat.price(raw) ?? ""
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
