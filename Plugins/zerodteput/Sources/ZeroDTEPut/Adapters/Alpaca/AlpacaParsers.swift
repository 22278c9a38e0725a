import PackKit

/// The `alpaca` adapter's body parsers, public for the fuzz harness (`make fuzz`): raw bytes →
/// JSON → rows, as the client reads a page. They throw on bad input, never trap.
public enum AlpacaParsers {
    /// A `GET /v2/stocks/bars` page of SPY bars; the number of bars.
    public static func bars(_ body: [UInt8]) throws -> Int {
        try AlpacaDecoding.bars(try JSON.parse(String(decoding: body, as: UTF8.self)), symbol: "SPY", path: "/v2/stocks/bars", page: 1).rows.count
    }

    /// A `GET /v1beta1/options/snapshots/SPX` page; the number of contracts.
    public static func chain(_ body: [UInt8]) throws -> Int {
        try AlpacaDecoding.contracts(try JSON.parse(String(decoding: body, as: UTF8.self)), path: "/v1beta1/options/snapshots/SPX", page: 1).rows.count
    }
}
