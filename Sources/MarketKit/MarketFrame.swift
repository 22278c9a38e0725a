import PackKit

/// The columns of a *market frame*: what a market-data adapter of an options pack returns.
/// One row per 1-minute bar of the regular session (`ts` = bar start, UTC), the bar's OHLCV,
/// and a summary of the latest 0DTE chain snapshot *known when the bar closes*: a snapshot
/// stamped T is joined to the bars whose end (ts + 1 minute) is at or after T, on the same
/// session, while it is at most `maxAge` old. Without such a snapshot the chain columns are
/// NaN: a missing chain is reported, never invented.
public enum MarketFrame {
    public static let bar: Int64 = 60_000_000_000
    public static let barColumns = ["ts", "open", "high", "low", "close", "volume"]
    /// Seconds from the snapshot to the bar's end; NaN without a snapshot.
    public static let chainAge = "chain_age_s"
    public static let pinStrike = "pin_strike"
    public static let atmStrike = "atm_strike"
    public static let atmIV = "atm_iv"
    public static let atmCallBid = "atm_call_bid"
    public static let atmCallAsk = "atm_call_ask"
    public static let atmPutBid = "atm_put_bid"
    public static let atmPutAsk = "atm_put_ask"
    public static let gammaPeakStrike = "gamma_peak_strike"
    public static let gammaSkew = "gamma_skew"
    public static let chainColumns = [chainAge, pinStrike, atmStrike, atmIV, atmCallBid, atmCallAsk,
                                      atmPutBid, atmPutAsk, gammaPeakStrike, gammaSkew]

    /// Column specs for an adapter's descriptor: bars, then chain columns (NaN allowed).
    public static var outputSpecs: [ColumnSpec] {
        [.timestamp("ts", "bar start, UTC")] + barColumns.dropFirst().map { .float64($0) }
            + chainColumns.map { .float64($0, allowsNaN: true) }
    }
}
