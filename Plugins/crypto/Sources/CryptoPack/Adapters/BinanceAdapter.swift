import PackKit

/// Klines and funding from Binance's public REST API (docs/binance.md).
let binanceAdapter = DataAdapter(ComponentInfo(
    id: "binance",
    description: "Binance REST: spot klines (GET /api/v3/klines) and USDT-M funding (GET /fapi/v1/fundingRate), paginated by time, "
        + "rate-limit aware (X-MBX-USED-WEIGHT-1M, 429/418 Retry-After), complete pages cached for resuming. Query: start, end (UTC dates), symbol.",
    params: commonParams + [
        .string("base_url", default: "https://api.binance.com", "spot REST base URL (tests: http://127.0.0.1:PORT)"),
        .string("futures_base_url", default: "https://fapi.binance.com", "USDT-M futures REST base URL, for funding"),
        .bool("funding", default: true, "also fetch funding (else funding_rate is NaN)"),
        .int("limit", default: 1000, min: 1, max: 1000, "rows per page"),
        .int("max_retries", default: 3, min: 0, max: 10, "retries of a 429, 418 or 5xx answer"),
        .float("retry_cap_s", default: 10, min: 0, max: 600, "longest wait in seconds; a Retry-After above it is an error"),
        .int("weight_limit", default: 6000, min: 1, "request weight per minute; the client pauses near it"),
        .string("cache_dir", default: "", "folder for complete pages; empty: $EDGEHOST_HOME/cache/binance when EDGEHOST_HOME is set, else none; \"none\": no cache"),
    ],
    outputs: Klines.outputSpecs,
    causality: klineCausality), market: cryptoMarket) { query, params in
    let q = try CryptoQuery(query, params)
    let cacheParam = try params.string("cache_dir")
    let cache = cacheParam == "none" ? nil : !cacheParam.isEmpty ? cacheParam : HostServices.environment("EDGEHOST_HOME").map { $0 + "/cache/binance" }
    func client(_ key: String) throws -> BinanceClient {
        try BinanceClient(baseURL: params.string(key), maxRetries: params.int("max_retries"), retryCap: params.double("retry_cap_s"),
                          weightLimit: params.int("weight_limit"))
    }
    let pages = BinancePages(client: try client("base_url"), funding: try client("futures_base_url"), limit: try params.int("limit"), cache: cache)
    let range = q.nanosecondRange
    let bars = try pages.klines(q.symbol, q.timeframe, from: range.lowerBound, to: range.upperBound)
    guard !bars.ts.isEmpty else {
        throw ComponentError("binance: no \(q.symbol) \(q.timeframe.rawValue) klines between \(UTCTime.format(range.lowerBound)) and \(UTCTime.format(range.upperBound))")
    }
    let gaps = KlineFile.gaps(bars.ts, bar: q.timeframe.nanoseconds)
    if !gaps.isEmpty {
        HostServices.log(.warn, "binance: \(q.symbol) \(q.timeframe.rawValue) has \(gaps.count) gap(s), \(gaps.reduce(0) { $0 + $1.missing }) bar(s) missing "
            + "(first at \(UTCTime.format(gaps[0].start))); gaps are not filled")
    }
    // The print in force at the first bar may be up to 8 hours older.
    let funding = try params.bool("funding") ? try pages.fundingRates(q.symbol, from: range.lowerBound - 8 * 3_600_000_000_000, to: range.upperBound) : FundingRates()
    // One symbol per read: the other leg of the spread is not fetched (README, "Cross-symbol spread").
    let legs = SpreadLegs(bars: SpreadLegs.symbols.map { $0 == q.symbol ? bars : nil })
    return FrameList([try bars.frame(funding: funding, legs: legs)])
}
