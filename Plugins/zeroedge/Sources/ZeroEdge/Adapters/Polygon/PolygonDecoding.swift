import Indicators
import MarketKit
import PackKit

/// Polygon pages → the adapter's values: bar frames and chain snapshots.
enum PolygonDecoding {
    /// Polygon quotes theta per calendar day and vega per vol point; MarketKit (like the vendor
    /// files and `BlackScholes`) uses theta per year and vega per 1.00 of volatility.
    static let thetaPerYear = 365.0
    static let vegaPerUnitVol = 100.0

    /// The bars of all pages as `MarketFrame.barColumns`, `ts` in nanoseconds, limited to the New
    /// York dates `from...through`, sorted, one row per minute (a repeated minute keeps the
    /// later page's bar); `repeated` counts the bars dropped as repeats.
    static func bars(_ pages: [AggregatesPage], from: Int32, through: Int32) throws -> (frame: Frame, repeated: Int) {
        let all = pages.flatMap { $0.results ?? [] }
        try check(all)
        var bars = all.filter { (from...through).contains(newYorkDate($0.t * 1_000_000)) }
        if zip(bars, bars.dropFirst()).contains(where: { $0.t >= $1.t }) {
            // Stable, so among equal stamps the later page's bar comes last and is the one kept.
            bars = bars.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
        }
        let unique = bars.enumerated().filter { $0.offset + 1 == bars.count || bars[$0.offset + 1].t != $0.element.t }.map(\.element)
        let frame = try Frame([
            .timestamp("ts", unique.map { $0.t * 1_000_000 }),
            .float64("open", unique.map(\.o)), .float64("high", unique.map(\.h)),
            .float64("low", unique.map(\.l)), .float64("close", unique.map(\.c)),
            .float64("volume", unique.map(\.v)),
        ])
        return (frame, bars.count - unique.count)
    }

    /// Instants are Int64 nanoseconds, so a bar's milliseconds must stay within ±2^63 / 10^6.
    static let timeRange = Int64.min / 1_000_000...Int64.max / 1_000_000

    /// Refuses a bar the host could not convert or price (a time past 2262, a NaN, infinite or
    /// absurd price: these once trapped downstream), naming the bar and the field.
    static func check(_ bars: [AggregatesPage.Bar]) throws {
        for (i, bar) in bars.enumerated() {
            guard timeRange.contains(bar.t) else { throw ComponentError("polygon: bar \(i) has time t=\(bar.t) ms, outside 1677…2262", status: 2) }
            for (name, price) in [("o", bar.o), ("h", bar.h), ("l", bar.l), ("c", bar.c)] where !(price.isFinite && abs(price) <= MinuteBarsFile.maximumPrice) {
                throw ComponentError("polygon: bar \(i) (t=\(bar.t) ms) has \(name)=\(price); prices must be finite and at most \(MinuteBarsFile.maximumPrice)", status: 2)
            }
            guard bar.v.isFinite else { throw ComponentError("polygon: bar \(i) (t=\(bar.t) ms) has v=\(bar.v), not a finite volume", status: 2) }
        }
    }

    /// One snapshot of the contracts expiring on `expiry`. It is stamped with the latest quote
    /// time in the pages (what the snapshot knows), or `now` when no quote carries a time;
    /// its spot is the underlying's price in the response, else `fallbackSpot`. `skipped`
    /// counts contracts without a right or strike, or of another expiry.
    static func snapshot(_ pages: [OptionChainPage], expiry: Int32, now: Int64, fallbackSpot: Double) -> (snapshot: ChainSnapshot, skipped: Int) {
        let contracts = pages.flatMap { $0.results ?? [] }
        var quotes: [OptionQuote] = []
        var stamp: Int64?
        for contract in contracts {
            guard let details = contract.details, let strike = details.strike_price,
                  let right = right(details.contract_type),
                  details.expiration_date.map({ MarketDate.parse($0) == expiry }) ?? true else { continue }
            if let updated = contract.last_quote?.last_updated { stamp = max(stamp ?? updated, updated) }
            quotes.append(OptionQuote(
                right: right, strike: strike,
                bid: contract.last_quote?.bid ?? .nan, ask: contract.last_quote?.ask ?? .nan,
                iv: contract.implied_volatility ?? .nan,
                delta: contract.greeks?.delta ?? .nan, gamma: contract.greeks?.gamma ?? .nan,
                theta: (contract.greeks?.theta).map { $0 * thetaPerYear } ?? .nan,
                vega: (contract.greeks?.vega).map { $0 * vegaPerUnitVol } ?? .nan,
                openInterest: contract.open_interest ?? 0, volume: contract.day?.volume ?? 0))
        }
        // Sorted so the snapshot does not depend on the server's page order.
        quotes.sort { ($0.strike, $0.right == .call ? 0 : 1) < ($1.strike, $1.right == .call ? 0 : 1) }
        let spot = contracts.lazy.compactMap(\.underlying_asset?.price).first ?? fallbackSpot
        let snapshot = ChainSnapshot(ts: stamp ?? now, expiry: expiry, spot: spot, quotes: quotes)
        return (snapshot, contracts.count - quotes.count)
    }

    private static func right(_ contractType: String?) -> OptionRight? {
        switch contractType?.lowercased() {
        case "call": .call
        case "put": .put
        default: nil
        }
    }
}
