import PackKit

/// The strike ladder: rung j (1…6) is the listed strike nearest spot × (1 − 0.5 % · j), so
/// 0.5 % … 3 % below spot. Each rung's put quote sits in columns `put<j>_<field>` of the market
/// frame, on the bar whose end is the snapshot's time; NaN on bars without a snapshot.
public enum PutLadder {
    public static let rungs = 1...6
    public static let step = 0.005
    public static let fields = ["strike", "bid", "ask", "iv", "delta", "gamma", "theta", "vega"]

    public static func column(_ rung: Int, _ field: String) -> String { "put\(rung)_\(field)" }

    /// The target moneyness of a rung: K/S − 1 = −0.5 % · j.
    public static func target(_ rung: Int) -> Double { -step * Double(rung) }
}

/// The market frame of the zerodteput adapters: SPX 1-minute regular-session bars (`ts` = bar
/// start, UTC), the ATM implied vol and the ladder's put quotes (see `PutLadder`).
public struct PutBars {
    public var ts: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
    public var volume: [Double] = []
    public var atmIV: [Double] = []
    /// The market's expected close E[S_T] of the snapshot (NaN without one, or unknown: then the spot).
    public var forward: [Double] = []
    /// `quotes[rung - 1][field index]`: one column per (rung, `PutLadder.fields` entry).
    public var quotes: [[[Double]]] = PutLadder.rungs.map { _ in PutLadder.fields.map { _ in [] } }

    public var count: Int { ts.count }

    public static let outputSpecs: [ColumnSpec] = [
        .timestamp("ts", "bar start, UTC"), .float64("open"), .float64("high"), .float64("low"), .float64("close"),
        .float64("volume"), .float64("atm_iv", allowsNaN: true, "at-the-money implied vol of the snapshot ending with the bar"),
        .float64("forward", allowsNaN: true, "the market's expected SPX close of the snapshot (NaN: unknown, the spot is used)"),
    ] + PutLadder.rungs.flatMap { rung in
        PutLadder.fields.map { .float64(PutLadder.column(rung, $0), allowsNaN: true, "0DTE put of ladder rung \(rung) (\(Facts.decimal(50 * Double(rung), 0)) bp below spot)") }
    }

    public init() {}

    /// Appends a bar with no snapshot (every quote NaN).
    public mutating func appendBar(ts t: Int64, open o: Double, high h: Double, low l: Double, close c: Double, volume v: Double) {
        ts.append(t); open.append(o); high.append(h); low.append(l); close.append(c); volume.append(v)
        atmIV.append(.nan)
        forward.append(.nan)
        for r in quotes.indices { for f in quotes[r].indices { quotes[r][f].append(.nan) } }
    }

    public func frame() throws -> Frame {
        var columns: [Column] = [.timestamp("ts", ts), .float64("open", open), .float64("high", high), .float64("low", low),
                                 .float64("close", close), .float64("volume", volume), .float64("atm_iv", atmIV),
                                 .float64("forward", forward)]
        for rung in PutLadder.rungs {
            for (f, field) in PutLadder.fields.enumerated() { columns.append(.float64(PutLadder.column(rung, field), quotes[rung - 1][f])) }
        }
        return try Frame(columns)
    }

    /// The columns the labeler reads, from a market frame (the host's, possibly cut short).
    public init(_ frame: Frame) throws {
        // The live monitor labels every cycle: each column is looked for first where the
        // adapters put it (`outputSpecs` order, which the host hands on as is), then by name:
        // a wrong guess costs a scan, never a wrong column. A missing or mistyped column still
        // fails as `Frame.float64`.
        let columns = frame.columns
        var position = 0
        func values(_ name: String) throws -> [Double] {
            position += 1
            let data = position < columns.count && columns[position].name == name ? columns[position].data : frame[name]
            // Copied from the column's storage in one go, not element by element.
            if case .float64(let c)? = data { return c.withUnsafeBufferPointer { Array($0) } }
            return Array(try frame.float64(name))
        }
        ts = try frame.timestamps().withUnsafeBufferPointer { Array($0) }
        open = try values("open"); high = try values("high")
        low = try values("low"); close = try values("close")
        volume = try values("volume"); atmIV = try values("atm_iv")
        forward = try values("forward")
        quotes = try PutBars.quoteColumns.map { rung in try rung.map(values) }
    }

    /// `PutLadder.column(rung, field)` for every rung and field, in `quotes` order.
    static let quoteColumns = PutLadder.rungs.map { rung in PutLadder.fields.map { PutLadder.column(rung, $0) } }

    /// Field `field` of rung `rung` on bar `i`.
    public func quote(_ rung: Int, _ field: String, _ i: Int) -> Double {
        quotes[rung - 1][PutLadder.fields.firstIndex(of: field)!][i]
    }
}
