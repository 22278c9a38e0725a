/// The pack's parsers of outside bytes, public for the fuzz harness (`Fuzz/`, targets
/// `crypto-kline-csv`, `crypto-binance-klines-json`, `crypto-binance-funding-json`): each
/// refuses bad input with an error and must never trap. Returns the rows parsed.
public enum CryptoParsers {
    /// A Binance kline file (`KlineFile`) asked for `symbol`.
    public static func klineFile(path: String, symbol: String) throws -> Int { try KlineFile.read(path: path, symbol: symbol).count }

    /// A `GET /api/v3/klines` body.
    public static func binanceKlines(_ body: [UInt8]) throws -> Int { try BinanceDecoding.klines(body, path: "/api/v3/klines").count }

    /// A `GET /fapi/v1/fundingRate` body for `symbol`.
    public static func binanceFunding(_ body: [UInt8], symbol: String) throws -> Int {
        try BinanceDecoding.funding(body, symbol: symbol, path: "/fapi/v1/fundingRate").count
    }
}
