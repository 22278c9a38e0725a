import Foundation
import Indicators
import MarketKit
import PackKit

/// Market frames from Polygon.io: 1-minute aggregates of the regular session and, for today's
/// session only, the live 0DTE chain snapshot (Polygon keeps no historical intraday chain).
let polygonAdapter = DataAdapter(PolygonAdapter.info, market: .nyseMinutes) { query, params in
    try PolygonAdapter.load(AdapterQuery(query), PolygonAdapter.Options(params),
                            apiKey: HostServices.environment("POLYGON_API_KEY"),
                            now: Int64(Date().timeIntervalSince1970 * 1e9)).source()
}

enum PolygonAdapter {
    static let info = ComponentInfo(
        id: "polygon", version: "1.0.0",
        description: "Polygon.io 1-minute bars of the regular session (key: POLYGON_API_KEY). Query: start, end, symbol, "
            + "chain (\"sim\" | \"none\" | \"polygon\": today's live 0DTE snapshot | chain files), dataset (\"market\" | \"chain\").",
        params: [
            .string("base_url", default: "https://api.polygon.io", "Polygon REST root (or a proxy of it)"),
            .float("timeout_s", default: 30, min: 0.1, max: 600, "seconds to wait for each response"),
            .int("max_retries", default: 2, min: 0, max: 10, "retries after HTTP 429 (rate limited)"),
            .float("retry_cap_s", default: 5, min: 0, max: 60, "longest wait before a retry, whatever Retry-After asks"),
            .int("seed", default: 7, min: 0, "seed of the simulated chain (chain \"sim\", and past days under \"polygon\")"),
            .string("chain_fallback", default: "sim", "chain for past days under chain \"polygon\": \"sim\" or \"none\""),
        ],
        outputs: MarketFrame.outputSpecs,
        causality: marketCausality)

    struct Options: Sendable {
        var baseURL = "https://api.polygon.io"
        var timeout = 30.0
        var maxRetries = 2
        var retryCap = 5.0
        var seed = 7
        var chainFallback = "sim"

        init() {}

        init(_ params: Params) throws {
            baseURL = try params.string("base_url")
            timeout = try params.double("timeout_s")
            maxRetries = try params.int("max_retries")
            retryCap = try params.double("retry_cap_s")
            seed = try params.int("seed")
            chainFallback = try params.string("chain_fallback")
        }
    }

    /// The frame for `query` at instant `now` (which decides what "today" is), with its warnings.
    static func load(_ query: AdapterQuery, _ options: Options, apiKey: String?, now: Int64) throws -> AdapterOutput {
        guard ["sim", "none"].contains(options.chainFallback) else {
            throw ComponentError("polygon: parameter 'chain_fallback' must be \"sim\" or \"none\", got '\(options.chainFallback)'")
        }
        let client = try PolygonClient(baseURL: options.baseURL, apiKey: apiKey, timeout: options.timeout,
                                       maxRetries: options.maxRetries, retryCap: options.retryCap)
        var warnings: [String] = []
        let bars = try sessionBars(query, client, &warnings)
        guard query.chain == "polygon" else {
            return try AdapterOutput.market(bars: bars, query: query, seed: options.seed, warnings: warnings)
        }
        let snapshots = try polygonChain(query, options, bars, now, client, &warnings)
        let frame = query.dataset == "chain" ? try ChainRows.frame(snapshots) : try MarketFrame.attach(snapshots, to: bars)
        return AdapterOutput(frame: frame, warnings: warnings)
    }

    /// Today's live snapshot, and for the days before today the fallback chain: Polygon's
    /// snapshot is "now" only, it keeps no intraday history.
    private static func polygonChain(_ query: AdapterQuery, _ options: Options, _ bars: Frame, _ now: Int64,
                                     _ client: PolygonClient, _ warnings: inout [String]) throws -> [ChainSnapshot] {
        let today = newYorkDate(now)
        let ts = try bars.timestamps()
        // Bars are sorted, so the days before today are a prefix.
        let past = bars.prefix(rows: ts.firstIndex { newYorkDate($0) >= today } ?? ts.count)
        var snapshots: [ChainSnapshot] = []
        if past.rowCount > 0 {
            let days = "\(MarketDate.format(newYorkDate(ts[0])))…\(MarketDate.format(newYorkDate(ts[past.rowCount - 1])))"
            let sim = options.chainFallback == "sim"
            warnings.append("polygon: no historical intraday chain snapshots at Polygon — \(days) use "
                            + (sim ? "the simulated chain (seed \(options.seed))" : "no chain (NaN)"))
            if sim { snapshots = try ChainSimulator(seed: UInt64(bitPattern: Int64(options.seed))).snapshots(for: past) }
        }
        if (query.start...query.end).contains(today), let live = try liveSnapshot(query.symbol, today, bars, now, client, &warnings) {
            snapshots.append(live)
        }
        return snapshots.sorted { $0.ts < $1.ts }
    }

    private static func sessionBars(_ query: AdapterQuery, _ client: PolygonClient, _ warnings: inout [String]) throws -> Frame {
        let path = "/v2/aggs/ticker/\(segment(query.symbol))/range/1/minute/\(MarketDate.format(query.start))/\(MarketDate.format(query.end))"
            + "?adjusted=true&sort=asc&limit=50000"
        let (raw, repeated) = try PolygonDecoding.bars(client.pages(path, as: AggregatesPage.self), from: query.start, through: query.end)
        if repeated > 0 { warnings.append("polygon: \(repeated) repeated minute bars dropped (kept the later page's)") }
        let (bars, report) = try RegularSession.filter(raw)
        warnings += report.messages
        return bars
    }

    /// `text` as one URL path segment ("BRK/B" must not add a level).
    private static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text
    }

    /// Today's 0DTE snapshot, or nil (with a warning) when Polygon lists no contract expiring today.
    private static func liveSnapshot(_ symbol: String, _ today: Int32, _ bars: Frame, _ now: Int64,
                                     _ client: PolygonClient, _ warnings: inout [String]) throws -> ChainSnapshot? {
        let pages = try client.pages("/v3/snapshot/options/\(segment(symbol))?expiration_date=\(MarketDate.format(today))&limit=250",
                                     as: OptionChainPage.self)
        let ts = try bars.timestamps()
        let close = try bars.float64("close")
        let known = ts.lastIndex { $0 + MarketFrame.bar <= now }
        let (snapshot, skipped) = PolygonDecoding.snapshot(pages, expiry: today, now: now, fallbackSpot: known.map { close[$0] } ?? .nan)
        if skipped > 0 { warnings.append("polygon: \(skipped) contracts in the chain snapshot had no right, strike or matching expiry; skipped") }
        guard !snapshot.quotes.isEmpty else {
            warnings.append("polygon: no \(symbol) contracts expiring \(MarketDate.format(today)) in the chain snapshot — chain features are NaN today")
            return nil
        }
        return snapshot
    }
}
