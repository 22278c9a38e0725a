import MarketKit
import PackKit

/// What every crypto adapter is asked: a symbol, inclusive UTC dates, a timeframe, maybe a
/// source. The adapter parameter `symbol` wins over the query's `symbol` (the host's model
/// ticker) when set; `source` likewise. Unknown query keys are ignored.
struct CryptoQuery: Sendable, Equatable {
    var symbol: String
    /// Inclusive UTC dates, days since 1970-01-01.
    var start: Int32
    var end: Int32
    var timeframe: Timeframe
    var source: String?

    static let day: Int64 = 86_400_000_000_000

    init(_ json: JSON, _ params: Params) throws(ComponentError) {
        let fields = try QueryFields(json)
        // An empty text is as good as none here: the parameter, or the default, then applies.
        func string(_ key: String) throws(ComponentError) -> String? { try fields.string(key).flatMap { $0.isEmpty ? nil : $0 } }
        let param = params.values["symbol"]?.stringValue ?? ""
        symbol = (param.isEmpty ? try string("symbol") : param) ?? "BTCUSDT"
        guard symbol.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }), !symbol.isEmpty else {
            throw ComponentError("symbol must be upper-case letters and digits like BTCUSDT, got '\(symbol)'")
        }
        start = try fields.date("start", kind: "UTC date")
        end = try fields.date("end", kind: "UTC date")
        guard start <= end else {
            throw ComponentError("query 'start' (\(MarketDate.format(start))) is after 'end' (\(MarketDate.format(end)))")
        }
        timeframe = try Timeframe(param: params.values["timeframe"]?.stringValue ?? "5m")
        let sourceParam = params.values["source"]?.stringValue ?? ""
        source = sourceParam.isEmpty ? try string("source") : sourceParam
    }

    /// UTC nanoseconds from midnight of `start` to midnight after `end`.
    var nanosecondRange: Range<Int64> { Int64(start) * Self.day..<(Int64(end) + 1) * Self.day }
}

/// The parameters every crypto adapter declares.
let commonParams: [ParamSpec] = [
    .string("symbol", default: "", "BTCUSDT or ETHUSDT (sim); any upper-case symbol (csv, binance); empty: the query's symbol, else BTCUSDT"),
    .string("timeframe", default: "5m", "bar length: \"1m\" or \"5m\""),
]

/// 24/7 UTC; the declared bar length is 5 minutes (1-minute bars are also served: the host
/// then fetches more warm-up history than it needs, never less).
let cryptoMarket = AdapterMarket(timeZone: "UTC", calendar: "24x7", barNanoseconds: 300_000_000_000)

/// A kline is known when it closes: five minutes after it starts (at most).
let klineCausality = Causality(availabilityLagNanoseconds: 300_000_000_000)

extension Crypto {
    static let adapters: [DataAdapter] = [simAdapter, csvAdapter, binanceAdapter]
}
