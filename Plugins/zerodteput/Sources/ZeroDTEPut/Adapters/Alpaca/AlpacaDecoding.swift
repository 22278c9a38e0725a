import Foundation
import MarketKit
import PackKit

/// Alpaca's market-data pages → rows. Shapes from Alpaca's official client alpaca-py
/// (tests/data/test_historical_stock_data.py, test_historical_option_data.py), recorded in
/// Tests/Fixtures/alpaca:
/// - `GET /v2/stocks/bars`: `{"bars": {"SPY": [{"t": RFC 3339, "o", "h", "l", "c", "v", "n", "vw"}]}, "next_page_token"}`;
/// - `GET /v1beta1/options/snapshots/{underlying}`: `{"snapshots": {"<OCC symbol>": {"latestQuote": {"ap", "as",
///   "bp", "bs", "t", …}, "latestTrade": {…}, "greeks": {"delta", "gamma", "rho", "theta", "vega"},
///   "impliedVolatility"}}, "next_page_token"}`.
enum AlpacaDecoding {
    struct Bar: Equatable { var ts: Int64; var open, high, low, close, volume: Double }

    /// One put (or call) of a chain snapshot; NaN where Alpaca sent nothing.
    struct Contract: Equatable {
        var symbol: OCCSymbol
        var bid, ask, iv, delta, gamma, theta, vega: Double
        /// The quote's time (ns UTC), nil without a quote.
        var quoteTs: Int64?
    }

    /// The bars of `symbol` on one page, and the next page's token.
    static func bars(_ page: JSON, symbol: String, path: String, page number: Int) throws(ComponentError) -> (rows: [Bar], next: String?) {
        guard case .object(let bySymbol)? = page["bars"] else { throw shape(path, number, "no \"bars\" object", page) }
        var rows: [Bar] = []
        if let list = bySymbol[symbol] {
            guard case .array(let items) = list else { throw shape(path, number, "bars.\(symbol) is not an array", list) }
            for (i, item) in items.enumerated() {
                let at = "bar \(i) of bars.\(symbol) on \(path) page \(number)"
                guard let text = item["t"]?.stringValue, let ts = AlpacaTime.parse(text) else {
                    throw ComponentError("alpaca: \(at): \"t\" is \(item["t"]?.text ?? "missing"), expected an RFC 3339 time", status: 2)
                }
                var v: [Double] = []
                for key in ["o", "h", "l", "c", "v"] {
                    guard let x = item[key]?.doubleValue, x.isFinite, x >= 0, x <= (key == "v" ? 1e15 : ChainSimulator.maximumPrice) else {
                        throw ComponentError("alpaca: \(at) (\(text)): \"\(key)\" is \(item[key]?.text ?? "missing"), expected a finite price or volume", status: 2)
                    }
                    v.append(x)
                }
                guard v[1] >= v[2], v[3] > 0 else { throw ComponentError("alpaca: \(at) (\(text)): high \(v[1]) below low \(v[2]), or close \(v[3])", status: 2) }
                rows.append(Bar(ts: ts, open: v[0], high: v[1], low: v[2], close: v[3], volume: v[4]))
            }
        }
        return (rows, try token(page, path, number))
    }

    /// The contracts on one chain-snapshot page (symbols that are not OCC are an error: they
    /// would be misread as strikes), and the next page's token.
    static func contracts(_ page: JSON, path: String, page number: Int) throws(ComponentError) -> (rows: [Contract], next: String?) {
        guard case .object(let snapshots)? = page["snapshots"] else { throw shape(path, number, "no \"snapshots\" object", page) }
        var rows: [Contract] = []
        for (name, snapshot) in snapshots {
            guard let symbol = OCCSymbol(name) else {
                throw ComponentError("alpaca: snapshot '\(EscapedText.text(name.prefix(40)))' on \(path) page \(number) is not an OCC option symbol like SPXW240701P05400000", status: 2)
            }
            let quote = snapshot["latestQuote"], greeks = snapshot["greeks"]
            func number(_ value: JSON?) -> Double { value?.doubleValue.flatMap { $0.isFinite ? $0 : nil } ?? .nan }
            var quoteTs: Int64?
            if let text = quote?["t"]?.stringValue {
                guard let t = AlpacaTime.parse(text) else {
                    throw ComponentError("alpaca: \(name).latestQuote.t on \(path) page \(number) is '\(EscapedText.text(text.prefix(40)))', expected an RFC 3339 time", status: 2)
                }
                quoteTs = t
            }
            // Alpaca quotes theta per calendar day and vega per vol point (as Polygon); MarketKit
            // (and the sim adapter) per year and per 1.00 of volatility.
            rows.append(Contract(symbol: symbol, bid: number(quote?["bp"]), ask: number(quote?["ap"]), iv: number(snapshot["impliedVolatility"]),
                                 delta: number(greeks?["delta"]), gamma: number(greeks?["gamma"]),
                                 theta: number(greeks?["theta"]) * 365, vega: number(greeks?["vega"]) * 100, quoteTs: quoteTs))
        }
        // Sorted: the frame must not depend on the server's key order.
        rows.sort { ($0.symbol.strike, $0.symbol.text) < ($1.symbol.strike, $1.symbol.text) }
        return (rows, try token(page, path, number))
    }

    private static func token(_ page: JSON, _ path: String, _ number: Int) throws(ComponentError) -> String? {
        switch page["next_page_token"] {
        case nil, .null?: return nil
        case .string(let t)?: return t
        case let other?: throw shape(path, number, "next_page_token is \(other.text.prefix(40)), expected a string or null", page)
        }
    }

    private static func shape(_ path: String, _ number: Int, _ what: String, _ got: JSON) -> ComponentError {
        ComponentError("alpaca: \(path) page \(number): \(what) (got \(got.text.prefix(120)))", status: 2)
    }
}

/// An OCC option symbol: root (1–6 letters), expiry YYMMDD, C or P, strike × 1000 in 8 digits
/// (`SPXW240701P05400000`: SPXW, 2024-07-01, put, 5400).
struct OCCSymbol: Equatable {
    var text: String
    var root: String
    var expiry: Int32
    var isPut: Bool
    var strike: Double

    init?(_ text: String) {
        let chars = Array(text.utf8)
        guard chars.count >= 16, chars.count <= 21 else { return nil }
        let tail = chars.suffix(15), rootBytes = chars.prefix(chars.count - 15)
        guard rootBytes.allSatisfy({ (65...90).contains($0) }) else { return nil }
        let digits = { (range: Range<Int>) -> Int? in
            let slice = tail[tail.startIndex + range.lowerBound..<tail.startIndex + range.upperBound]
            guard slice.allSatisfy({ (48...57).contains($0) }) else { return nil }
            return Int(String(decoding: slice, as: UTF8.self))
        }
        let right = tail[tail.startIndex + 6]
        guard let yy = digits(0..<2), let mm = digits(2..<4), let dd = digits(4..<6), let strike = digits(7..<15),
              right == UInt8(ascii: "P") || right == UInt8(ascii: "C"),
              let expiry = MarketDate.parse(String(format: "20%02d-%02d-%02d", yy, mm, dd)) else { return nil }
        self.text = text
        root = String(decoding: rootBytes, as: UTF8.self)
        self.expiry = expiry
        isPut = right == UInt8(ascii: "P")
        self.strike = Double(strike) / 1000
    }
}

/// Alpaca's times: RFC 3339 in UTC, `2024-07-01T13:30:00Z` or with up to nine fraction digits
/// (`2024-04-25T20:00:00.259610112Z`).
enum AlpacaTime {
    static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z"), b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let day = MarketDate.parse(String(decoding: b[0..<10], as: UTF8.self)) else { return nil }
        func int(_ r: Range<Int>) -> Int64? {
            guard b[r].allSatisfy({ (48...57).contains($0) }) else { return nil }
            return Int64(String(decoding: b[r], as: UTF8.self))
        }
        guard let h = int(11..<13), let m = int(14..<16), let s = int(17..<19), h < 24, m < 60, s < 61 else { return nil }
        var fraction: Int64 = 0
        if b.count > 20 {
            let digits = b[20..<(b.count - 1)]
            guard b[19] == UInt8(ascii: "."), (1...9).contains(digits.count), let f = int(20..<(b.count - 1)) else { return nil }
            fraction = f * Int64(pow10(9 - digits.count))
        } else if b[19] != UInt8(ascii: "Z") {
            return nil
        }
        return Int64(day) * 86_400_000_000_000 + ((h * 60 + m) * 60 + s) * 1_000_000_000 + fraction
    }

    /// "2024-07-01T13:30:00Z" for the API's `start` / `end`.
    static func format(_ ns: Int64) -> String {
        let seconds = ns / 1_000_000_000
        let day = Int32(seconds / 86_400), rest = seconds % 86_400
        return MarketDate.format(day) + "T" + String(format: "%02d:%02d:%02dZ", rest / 3600, rest / 60 % 60, rest % 60)
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { a, _ in a * 10 } }
}
