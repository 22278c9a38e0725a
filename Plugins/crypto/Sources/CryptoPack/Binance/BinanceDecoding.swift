import PackKit

/// Binance's response bodies (shapes from the exchange's API documentation, recorded in
/// Tests/Fixtures/crypto/binance): klines are arrays
/// `[openTime ms, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades, …]`,
/// funding rows objects `{"symbol", "fundingRate", "fundingTime", "markPrice"}`.
enum BinanceDecoding {
    struct Kline { var ts: Int64; var open, high, low, close, volume: Double }
    struct Funding { var ts: Int64; var rate: Double }

    static func klines(_ body: [UInt8], path: String) throws(ComponentError) -> [Kline] {
        try rows(body, path: path).enumerated().map { (i, row) throws(ComponentError) -> Kline in
            guard case .array(let f) = row, f.count >= 6, let t = f[0].intValue else {
                throw ComponentError("binance: malformed kline at row \(i) of \(path): expected [openTime, \"open\", \"high\", \"low\", \"close\", \"volume\", …], got \(row.text.prefix(80))")
            }
            var v: [Double] = []
            for k in 1...5 {
                guard let text = f[k].stringValue, let x = Double(text), x.isFinite, x >= 0 else {
                    throw ComponentError("binance: malformed kline at row \(i) of \(path): field \(k) is \(f[k].text.prefix(40)), expected a decimal string")
                }
                v.append(x)
            }
            guard v[1] >= v[2], v[0] > 0, v[3] > 0 else {
                throw ComponentError("binance: bad kline at row \(i) of \(path) (\(UTCTime.format(Int64(t) * 1_000_000))): high \(v[1]) low \(v[2])")
            }
            return Kline(ts: Int64(t) * 1_000_000, open: v[0], high: v[1], low: v[2], close: v[3], volume: v[4])
        }
    }

    static func funding(_ body: [UInt8], symbol: String, path: String) throws(ComponentError) -> [Funding] {
        try rows(body, path: path).enumerated().map { (i, row) throws(ComponentError) -> Funding in
            guard let t = row["fundingTime"]?.intValue, let text = row["fundingRate"]?.stringValue, let rate = Double(text), rate.isFinite else {
                throw ComponentError("binance: malformed funding row \(i) of \(path): expected {\"symbol\", \"fundingRate\", \"fundingTime\"}, got \(row.text.prefix(80))")
            }
            guard row["symbol"]?.stringValue == symbol else {
                throw ComponentError("binance: funding row \(i) of \(path) is for \(row["symbol"]?.text ?? "no symbol"), asked \(symbol)")
            }
            return Funding(ts: Int64(t) * 1_000_000, rate: rate)
        }
    }

    private static func rows(_ body: [UInt8], path: String) throws(ComponentError) -> [JSON] {
        let parsed: JSON
        do {
            parsed = try JSON.parse(String(decoding: body, as: UTF8.self))
        } catch {
            let ending = String(decoding: body.suffix(40), as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            throw ComponentError("binance: malformed JSON from \(path): \(error) (\(body.count) bytes, ending '\(ending)')")
        }
        guard case .array(let rows) = parsed else {
            throw ComponentError("binance: \(path) answered \(parsed.text.prefix(120)), expected a JSON array")
        }
        return rows
    }
}
