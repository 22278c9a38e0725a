import PackKit

/// The market frame of every es0dte adapter: front-month ES 1-minute bars (New York
/// 04:00–16:00) with top of book, signed trade volume, the session's total volume over every
/// contract (for purity) and dealer gamma exposure at the seven 5-point strikes around the
/// money. One row per minute, increasing `ts` (the bar's start, UTC).
struct ESBars {
    var ts: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
    /// Front-month contracts traded in the bar, and all contracts of the root.
    var volume: [Double] = [], totalVolume: [Double] = []
    var contract: [String] = []
    var bid: [Double] = [], ask: [Double] = [], bidSize: [Double] = [], askSize: [Double] = []
    /// Buyer-initiated minus seller-initiated volume of the bar.
    var signedVolume: [Double] = []
    /// `gex[k]`: dealer gamma exposure ($ millions per 1 % move) at strike ATM + 5·(k − 3).
    var gex: [[Double]] = Array(repeating: [], count: ESBars.strikeOffsets.count)
    var atmStrike: [Double] = []

    static let strikeOffsets = [-3, -2, -1, 0, 1, 2, 3]
    static let strikeStep = 5.0
    static func gexName(_ offset: Int) -> String { offset < 0 ? "gex_m\(-offset)" : offset > 0 ? "gex_p\(offset)" : "gex_atm" }

    var count: Int { ts.count }

    static let outputSpecs: [ColumnSpec] = [
        .timestamp("ts", "bar start, UTC"), .float64("open"), .float64("high"), .float64("low"), .float64("close"),
        .float64("volume", "front-month contracts traded"), .float64("total_volume", "contracts traded over every ES contract month"),
        .utf8("contract", "the front month (e.g. ESU4)"),
        .float64("bid", allowsNaN: true), .float64("ask", allowsNaN: true),
        .float64("bid_size", allowsNaN: true, "resting contracts at the bid"), .float64("ask_size", allowsNaN: true, "resting contracts at the ask"),
        .float64("signed_volume", allowsNaN: true, "buyer- minus seller-initiated volume"),
        .float64("atm_strike", allowsNaN: true, "the 0DTE strike nearest the close, 5-point grid"),
    ] + strikeOffsets.map { .float64(gexName($0), allowsNaN: true, "dealer gamma exposure at ATM \($0 < 0 ? "-" : "+") \(abs($0) * 5) points, $M per 1 %") }

    func frame() throws -> Frame {
        var columns: [Column] = [
            .timestamp("ts", ts), .float64("open", open), .float64("high", high), .float64("low", low), .float64("close", close),
            .float64("volume", volume), .float64("total_volume", totalVolume), .utf8("contract", contract),
            .float64("bid", bid), .float64("ask", ask), .float64("bid_size", bidSize), .float64("ask_size", askSize),
            .float64("signed_volume", signedVolume), .float64("atm_strike", atmStrike),
        ]
        for (k, offset) in ESBars.strikeOffsets.enumerated() { columns.append(.float64(ESBars.gexName(offset), gex[k])) }
        return try Frame(columns)
    }

    /// The columns the labeler reads, from a market frame (the host's, possibly cut short).
    init(_ frame: Frame) throws {
        ts = Array(try frame.timestamps())
        open = Array(try frame.float64("open")); high = Array(try frame.float64("high"))
        low = Array(try frame.float64("low")); close = Array(try frame.float64("close"))
        volume = Array(try frame.float64("volume")); totalVolume = Array(try frame.float64("total_volume"))
        // Only the adapters need the contract; the labeler runs without it (e.g. on golden bars).
        contract = frame["contract"] == nil ? [] : try frame.utf8("contract")
        bid = Array(try frame.float64("bid")); ask = Array(try frame.float64("ask"))
        bidSize = Array(try frame.float64("bid_size")); askSize = Array(try frame.float64("ask_size"))
        signedVolume = Array(try frame.float64("signed_volume")); atmStrike = Array(try frame.float64("atm_strike"))
        gex = try ESBars.strikeOffsets.map { Array(try frame.float64(ESBars.gexName($0))) }
    }

    init() {}

    mutating func append(_ other: ESBars) {
        ts += other.ts; open += other.open; high += other.high; low += other.low; close += other.close
        volume += other.volume; totalVolume += other.totalVolume; contract += other.contract
        bid += other.bid; ask += other.ask; bidSize += other.bidSize; askSize += other.askSize
        signedVolume += other.signedVolume; atmStrike += other.atmStrike
        for k in gex.indices { gex[k] += other.gex[k] }
    }
}
