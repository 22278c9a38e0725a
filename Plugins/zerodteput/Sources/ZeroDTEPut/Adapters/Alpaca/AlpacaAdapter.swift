import Foundation
import Indicators
import MarketKit
import PackKit

/// The `alpaca` adapter (docs/data.md "alpaca"): the market frame (`PutBars`) from Alpaca's
/// market-data REST API. SPX is an index and Alpaca serves no index bars, so the path is the
/// 1-minute bars of an ETF that tracks it (`bars_symbol`, SPY) times `bars_scale` — a proxy,
/// said in a warning on every read. The ladder comes from the 0DTE put chain snapshot of the
/// query's symbol (`/v1beta1/options/snapshots/SPX`, root SPXW); Alpaca's snapshot is the
/// latest state only, so it sits on the one bar it falls in and every other bar has no ladder.
let alpacaAdapter = DataAdapter(AlpacaAdapter.info, market: .nyseMinutes) { query, params in
    let options = try AlpacaAdapter.Options(params)
    let client = try AlpacaClient(baseURL: options.baseURL, keyID: HostServices.environment(AlpacaClient.keyVariable),
                                  secret: HostServices.environment(AlpacaClient.secretVariable), timeout: options.timeout,
                                  maxRetries: options.maxRetries, retryCap: options.retryCap, maxPages: options.maxPages)
    let (bars, warnings) = try AlpacaAdapter.load(query, options, client)
    for warning in warnings { HostServices.log(.warn, warning) }
    client.health.report()
    return FrameList([try bars.frame()])
}

enum AlpacaAdapter {
    static let info = ComponentInfo(
        id: "alpaca", version: "1.0.0",
        description: "Alpaca market data (keys: APCA_API_KEY_ID, APCA_API_SECRET_KEY): the SPX path as bars_symbol 1-minute bars x bars_scale "
            + "(Alpaca has no index bars) and the latest 0DTE put chain snapshot of the query's symbol on the bar it falls in. Query: start, end, symbol (default SPX).",
        params: [
            .string("base_url", default: "https://data.alpaca.markets", "Alpaca market-data REST root (or a proxy of it)"),
            .string("feed", default: "iex", "stock bars feed: iex (free plan) or sip"),
            .string("options_feed", default: "indicative", "option snapshots feed: indicative (free, delayed) or opra"),
            .string("bars_symbol", default: "SPY", "the ETF whose bars stand for the index's path"),
            .float("bars_scale", default: 10, min: 0.001, max: 1_000, "index points per ETF dollar (SPX is about ten SPY)"),
            .string("root_symbol", default: "SPXW", "option root of the 0DTE puts (empty: any root)"),
            .string("chain", default: "snapshot", "\"snapshot\": the latest put chain snapshot; \"none\": bars only"),
            .int("page_limit", default: 10_000, min: 1, max: 10_000, "rows per page asked (snapshots: at most 1000)"),
            .int("max_pages", default: 500, min: 1, max: 100_000, "pages per endpoint before the read stops with an error"),
            .float("timeout_s", default: 30, min: 0.1, max: 600, "seconds to wait for each response"),
            .int("max_retries", default: 3, min: 0, max: 10, "retries after HTTP 429, 5xx or a dropped connection, per request"),
            .float("retry_cap_s", default: 10, min: 0, max: 120, "longest wait before a retry, whatever the server asks"),
        ],
        outputs: PutBars.outputSpecs,
        causality: putCausality)

    struct Options {
        var baseURL = "https://data.alpaca.markets", feed = "iex", optionsFeed = "indicative", barsSymbol = "SPY"
        var barsScale = 10.0
        var rootSymbol = "SPXW", chain = "snapshot"
        var pageLimit = 10_000, maxPages = 500, maxRetries = 3
        var timeout = 30.0, retryCap = 10.0

        init() {}

        init(_ params: Params) throws {
            (baseURL, feed, optionsFeed) = (try params.string("base_url"), try params.string("feed"), try params.string("options_feed"))
            (barsSymbol, barsScale, rootSymbol) = (try params.string("bars_symbol"), try params.double("bars_scale"), try params.string("root_symbol"))
            chain = try params.string("chain")
            (pageLimit, maxPages, maxRetries) = (try params.int("page_limit"), try params.int("max_pages"), try params.int("max_retries"))
            (timeout, retryCap) = (try params.double("timeout_s"), try params.double("retry_cap_s"))
            guard ["snapshot", "none"].contains(chain) else { throw ComponentError("alpaca: parameter 'chain' must be \"snapshot\" or \"none\", got '\(chain)'") }
            guard ["iex", "sip", "delayed_sip", "boats", "overnight", "otc"].contains(feed) else {
                throw ComponentError("alpaca: parameter 'feed' must be iex or sip (or delayed_sip, boats, overnight, otc), got '\(feed)'")
            }
            guard ["indicative", "opra"].contains(optionsFeed) else { throw ComponentError("alpaca: parameter 'options_feed' must be indicative or opra, got '\(optionsFeed)'") }
        }
    }

    /// The market frame for `query` read through `client`, with the warnings to log.
    static func load(_ query: JSON, _ options: Options, _ client: AlpacaClient) throws -> (bars: PutBars, warnings: [String]) {
        let q = try PutQuery(query)
        let symbol = query["symbol"]?.stringValue ?? "SPX"
        let sessions = NYSECalendar.sessions(from: q.start, through: q.end)
        guard let first = sessions.first, let last = sessions.last else {
            throw ComponentError("alpaca: no NYSE session between \(MarketDate.format(q.start)) and \(MarketDate.format(q.end))")
        }
        let path = "/v2/stocks/bars"
        let pages = try client.pages(path, [
            ("symbols", options.barsSymbol), ("timeframe", "1Min"), ("start", AlpacaTime.format(first.open)), ("end", AlpacaTime.format(last.close)),
            ("limit", String(options.pageLimit)), ("adjustment", "raw"), ("feed", options.feed), ("sort", "asc"),
        ]) { page, number throws(ComponentError) in try AlpacaDecoding.bars(page, symbol: options.barsSymbol, path: path, page: number) }
        var warnings = ["alpaca: \(symbol) is an index and Alpaca serves no index bars: the path is \(options.barsSymbol) 1-minute bars (feed \(options.feed)) "
            + "x \(options.barsScale) (bars_symbol, bars_scale), a proxy of \(symbol)'s level"]
        var bars = try sessionBars(pages.flatMap { $0 }, scale: options.barsScale, path: path, warnings: &warnings)
        guard bars.count > 0 else {
            throw ComponentError("alpaca: \(path) returned no \(options.barsSymbol) bar in the regular sessions \(MarketDate.format(first.day))…\(MarketDate.format(last.day)) (feed \(options.feed))")
        }
        client.noteEvent(bars.ts[bars.count - 1])
        if options.chain == "snapshot" {
            try attachSnapshot(symbol: symbol, expiry: last.day, options, client, to: &bars, warnings: &warnings)
        } else {
            warnings.append("alpaca: chain \"none\": no put ladder (NaN quotes)")
        }
        return (bars, warnings)
    }

    /// Bars inside their day's regular session, sorted, scaled to index points; a repeated or
    /// out-of-order minute is an error (it would be two different paths).
    static func sessionBars(_ rows: [AlpacaDecoding.Bar], scale: Double, path: String, warnings: inout [String]) throws -> PutBars {
        var out = PutBars()
        var outside = 0
        for bar in rows {
            guard let session = NYSECalendar.session(on: newYorkDate(bar.ts)), bar.ts >= session.open, bar.ts < session.close else {
                outside += 1
                continue
            }
            if let previous = out.ts.last, bar.ts <= previous {
                throw ComponentError("alpaca: \(path) returned \(AlpacaTime.format(bar.ts)) after \(AlpacaTime.format(previous)): bars repeated or out of order", status: 2)
            }
            out.appendBar(ts: bar.ts, open: bar.open * scale, high: bar.high * scale, low: bar.low * scale, close: bar.close * scale, volume: bar.volume)
        }
        if outside > 0 { warnings.append("alpaca: \(outside) bars outside the regular session dropped") }
        return out
    }

    /// The latest 0DTE put chain of `symbol` expiring `expiry`, on the bar it falls in.
    static func attachSnapshot(symbol: String, expiry: Int32, _ options: Options, _ client: AlpacaClient, to bars: inout PutBars,
                               warnings: inout [String]) throws {
        let path = "/v1beta1/options/snapshots/\(symbol.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? symbol)"
        var query = [("feed", options.optionsFeed), ("type", "put"), ("expiration_date", MarketDate.format(expiry)),
                     ("limit", String(min(options.pageLimit, 1_000)))]
        if !options.rootSymbol.isEmpty { query.append(("root_symbol", options.rootSymbol)) }
        let contracts = try client.pages(path, query) { page, number throws(ComponentError) in
            try AlpacaDecoding.contracts(page, path: path, page: number)
        }.flatMap { $0 }.filter { $0.symbol.isPut && $0.symbol.expiry == expiry && (options.rootSymbol.isEmpty || $0.symbol.root == options.rootSymbol) }
        let history = "Alpaca's option snapshot is the latest state only (no intraday chain history): other bars carry no ladder (NaN)"
        guard let stamp = contracts.compactMap(\.quoteTs).max() else {
            warnings.append("alpaca: no \(options.rootSymbol) put expiring \(MarketDate.format(expiry)) with a quote in the \(symbol) chain snapshot; \(history)")
            return
        }
        client.noteEvent(stamp)
        // The bar the snapshot falls in: known at its end, which is at or after the snapshot.
        guard let i = bars.ts.lastIndex(where: { $0 < stamp }), stamp <= bars.ts[i] + MarketFrame.bar else {
            warnings.append("alpaca: the \(symbol) chain snapshot of \(AlpacaTime.format(stamp)) falls in no recorded bar (bars end at "
                + "\(bars.ts.last.map(AlpacaTime.format) ?? "none")); not attached — \(history)")
            return
        }
        attach(contracts, at: i, to: &bars)
        warnings.append("alpaca: the \(symbol) 0DTE put chain snapshot of \(AlpacaTime.format(stamp)) (\(contracts.count) puts) sits on the bar of "
            + "\(AlpacaTime.format(bars.ts[i])); \(history)")
    }

    /// The ladder on bar `i`: per rung the listed put nearest spot × (1 − 0.5 % · j), spot the
    /// bar's (scaled) close; `atm_iv` the implied vol of the put nearest spot; `forward` unknown.
    static func attach(_ contracts: [AlpacaDecoding.Contract], at i: Int, to bars: inout PutBars) {
        let spot = bars.close[i]
        func nearest(_ target: Double) -> AlpacaDecoding.Contract? {
            contracts.min { (abs($0.symbol.strike - target), $0.symbol.strike) < (abs($1.symbol.strike - target), $1.symbol.strike) }
        }
        bars.atmIV[i] = nearest(spot)?.iv ?? .nan
        for rung in PutLadder.rungs {
            guard let c = nearest(spot * (1 + PutLadder.target(rung))) else { continue }
            for (f, value) in [c.symbol.strike, c.bid, c.ask, c.iv, c.delta, c.gamma, c.theta, c.vega].enumerated() {
                bars.quotes[rung - 1][f][i] = value
            }
        }
    }
}
