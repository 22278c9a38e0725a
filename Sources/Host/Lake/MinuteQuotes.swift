import DBN
import Foundation

/// The real order-book facts of each one-minute bar per contract, for es0dte's physics: the top
/// of book at the minute's close (the last `Mbp1Msg`/`BboMsg`/`Mbp10Msg` level 0 at or before
/// it, carried forward within the date) and the signed trade volume of the minute (buyer- minus
/// seller-initiated, from each trade's aggressor `side`: `B` +size, `A` −size, `N` unknown).
///
/// Written as `quotes.csv` beside a silver date's `bars.csv`, one row per (minute, contract) that
/// has a trade or a quote; an empty field is a fact the data does not give (no quote yet that
/// date, or trades without sides), which the adapter simulates and says so.
struct MinuteQuotes {
    static let header = "ts,contract,bid,ask,bid_size,ask_size,signed_volume"
    static let schemas: Set<String> = ["mbp-1", "tbbo", "bbo-1s", "bbo-1m", "mbp-10"]

    struct Quote: Equatable {
        var bid: Int64, ask: Int64, bidSize: UInt32, askSize: UInt32
    }

    struct Flow {
        var signed: Int64 = 0
        /// Trades whose aggressor side is known, and all trades.
        var sided = 0, trades = 0
    }

    /// The last quote of each minute (by the time its record was published, `ts_event`).
    private(set) var quotes: [MinuteBars.Key: (ts: UInt64, quote: Quote)] = [:]
    private(set) var flow: [MinuteBars.Key: Flow] = [:]

    /// Adds the top-of-book records of `path` whose minute starts in `[from, to)`.
    mutating func addQuotes(path: String, from: UInt64, to: UInt64) throws {
        try EdgehostError.reportingDBN {
            let decoder = try DBNDecoder(path: path)
            let contracts = MinuteBars.contracts(decoder.metadata)
            while let batch = try decoder.nextBatch() {
                guard ["Mbp1Msg", "BboMsg", "Mbp10Msg"].contains(batch.layoutName),
                      case .uint64(let ts)? = batch.column("ts_event")?.values,
                      case .int64(let bid)? = batch.column("bid_px_00")?.values, case .int64(let ask)? = batch.column("ask_px_00")?.values,
                      case .uint32(let bidSize)? = batch.column("bid_sz_00")?.values, case .uint32(let askSize)? = batch.column("ask_sz_00")?.values,
                      case .uint32(let instrument)? = batch.column("instrument_id")?.values else { continue }
                for i in 0..<batch.count where ts[i] != DBNFormat.undefinedTimestamp {
                    guard bid[i] != DBNFormat.undefinedPrice, ask[i] != DBNFormat.undefinedPrice, bid[i] < ask[i] else { continue }
                    let start = ts[i] - ts[i] % MinuteBars.minute
                    guard start >= from, start < to else { continue }
                    let key = MinuteBars.Key(minute: start, contract: contracts[instrument[i]] ?? String(instrument[i]))
                    if let held = quotes[key], held.ts > ts[i] { continue }
                    quotes[key] = (ts[i], Quote(bid: bid[i], ask: ask[i], bidSize: bidSize[i], askSize: askSize[i]))
                }
            }
        }
    }

    /// Counts the signed volume of one trade (called by `MinuteBars` for each trade it adds).
    mutating func addTrade(_ key: MinuteBars.Key, size: UInt32, side: UInt8) {
        var f = flow[key] ?? Flow()
        f.trades += 1
        if side == UInt8(ascii: "B") { f.signed += Int64(size); f.sided += 1 }
        if side == UInt8(ascii: "A") { f.signed -= Int64(size); f.sided += 1 }
        flow[key] = f
    }

    var isEmpty: Bool { quotes.isEmpty && !flow.values.contains { $0.sided > 0 } }

    /// CSV lines (no header) sorted by minute then contract; quotes carried forward per contract.
    func lines() -> [String] {
        var last: [String: Quote] = [:]
        return Set(quotes.keys).union(flow.keys).sorted().map { key in
            if let q = quotes[key]?.quote { last[key.contract] = q }
            let q = last[key.contract]
            let f = flow[key]
            let signed = f.map { $0.sided > 0 ? String($0.signed) : "" } ?? "0"
            return [String((DBNFormat.timestamp(key.minute) ?? "").prefix(19)) + "Z", key.contract,
                    q.map { MinuteBars.decimal($0.bid) } ?? "", q.map { MinuteBars.decimal($0.ask) } ?? "",
                    q.map { String($0.bidSize) } ?? "", q.map { String($0.askSize) } ?? "", signed].joined(separator: ",")
        }
    }
}
