/// The header of a DBN file: what was requested and how its symbols map to instrument ids.
public struct DBNMetadata: Sendable, Equatable {
    /// One symbol's instrument id over a range of dates.
    public struct MappingInterval: Sendable, Equatable {
        /// First date, YYYYMMDD as stored (inclusive).
        public var startDate: UInt32
        /// Last date, YYYYMMDD (exclusive).
        public var endDate: UInt32
        public var symbol: String
    }

    /// The intervals of one requested symbol.
    public struct SymbolMapping: Sendable, Equatable {
        public var rawSymbol: String
        public var intervals: [MappingInterval]
    }

    /// DBN version of the file: 1, 2 or 3.
    public var version: UInt8
    public var dataset: String
    /// The schema's number, nil for a file of mixed schemas.
    public var schema: DBNSchema?
    /// Nanoseconds since the UNIX epoch.
    public var start: UInt64
    /// Nanoseconds since the UNIX epoch; nil when undefined.
    public var end: UInt64?
    /// The record limit of the request; nil for none.
    public var limit: UInt64?
    /// nil for mixed symbology types.
    public var stypeIn: DBNSType?
    public var stypeOut: DBNSType
    /// Whether every record carries the gateway's send time (`ts_out`) after its body.
    public var tsOut: Bool
    /// The width of the fixed symbol strings of this file (22 in version 1, 71 after).
    public var symbolCStrLen: Int
    public var symbols: [String]
    public var partial: [String]
    public var notFound: [String]
    public var mappings: [SymbolMapping]
    /// Size of the metadata block in the stream, prelude (magic, version, length) included.
    public var encodedLength: Int
}

/// Databento's schemas, numbered as in DBN's metadata.
public enum DBNSchema: UInt16, Sendable, CaseIterable {
    case mbo = 0, mbp1, mbp10, tbbo, trades, ohlcv1s, ohlcv1m, ohlcv1h, ohlcv1d, definition, statistics, status
    case imbalance, ohlcvEod, cmbp1, cbbo1s, cbbo1m, tcbbo, bbo1s, bbo1m

    /// The name Databento uses (`mbp-10`, `ohlcv-1s`, …).
    public var name: String {
        switch self {
        case .mbo: "mbo"
        case .mbp1: "mbp-1"
        case .mbp10: "mbp-10"
        case .tbbo: "tbbo"
        case .trades: "trades"
        case .ohlcv1s: "ohlcv-1s"
        case .ohlcv1m: "ohlcv-1m"
        case .ohlcv1h: "ohlcv-1h"
        case .ohlcv1d: "ohlcv-1d"
        case .definition: "definition"
        case .statistics: "statistics"
        case .status: "status"
        case .imbalance: "imbalance"
        case .ohlcvEod: "ohlcv-eod"
        case .cmbp1: "cmbp-1"
        case .cbbo1s: "cbbo-1s"
        case .cbbo1m: "cbbo-1m"
        case .tcbbo: "tcbbo"
        case .bbo1s: "bbo-1s"
        case .bbo1m: "bbo-1m"
        }
    }
}

/// Symbology types, numbered as in DBN's metadata.
public enum DBNSType: UInt8, Sendable, CaseIterable {
    case instrumentId = 0, rawSymbol, smart, continuous, parent, nasdaqSymbol, cmsSymbol, isin, usCode
    case bbgCompId, bbgCompTicker, figi, figiTicker

    /// The name Databento uses (`raw_symbol`, `instrument_id`, …).
    public var name: String {
        switch self {
        case .instrumentId: "instrument_id"
        case .rawSymbol: "raw_symbol"
        case .smart: "smart"
        case .continuous: "continuous"
        case .parent: "parent"
        case .nasdaqSymbol: "nasdaq_symbol"
        case .cmsSymbol: "cms_symbol"
        case .isin: "isin"
        case .usCode: "us_code"
        case .bbgCompId: "bbg_comp_id"
        case .bbgCompTicker: "bbg_comp_ticker"
        case .figi: "figi"
        case .figiTicker: "figi_ticker"
        }
    }
}
