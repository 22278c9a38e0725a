import CryptoPack
import Foundation

/// The crypto pack's parsers: Binance kline CSV files and the REST bodies (klines, funding).
func cryptoTargets(_ scratch: ScratchFile) -> [FuzzTarget] {
    let binanceTokens = jsonTokens + ["1672531200000", "\"16500.1\"", "\"0.0001\"", "\"-1\"", "\"NaN\"", "\"1e400\"", "9007199254740993",
                                      "\"fundingRate\"", "\"fundingTime\"", "\"symbol\"", "\"BTCUSDT\"", "\"markPrice\"", "[1,\"1\",\"1\",\"1\",\"1\",\"1\",2]"]
    return [
        // Named like the real files, so the name check passes and the parser runs.
        FuzzTarget(name: "crypto-kline-csv", tokens: csvTokens + ["ts,open,high,low,close,volume", "2023-01-01T00:05:00Z", "16500.5"]) { data in
            _ = try CryptoParsers.klineFile(path: try scratch.write(data, as: "BTCUSDT_5m_fuzz.csv"), symbol: "BTCUSDT")
        },
        FuzzTarget(name: "crypto-binance-klines-json", tokens: binanceTokens) { data in
            _ = try CryptoParsers.binanceKlines(Array(data))
        },
        FuzzTarget(name: "crypto-binance-funding-json", tokens: binanceTokens) { data in
            _ = try CryptoParsers.binanceFunding(Array(data), symbol: "BTCUSDT")
        },
    ]
}
