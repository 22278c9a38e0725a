import PackKit

/// Snapshots in long format: one row per quote, what an adapter returns for `dataset: "chain"`.
public enum ChainRows {
    public static let columns = ["ts", "expiry", "right", "strike", "bid", "ask", "iv", "delta", "gamma", "theta", "vega",
                                 "open_interest", "volume", "spot"]

    public static var outputSpecs: [ColumnSpec] {
        [.timestamp("ts", "snapshot time, UTC"), .timestamp("expiry", "the expiry's session close, UTC"),
         .utf8("right", "C or P"), .float64("strike")]
            + ["bid", "ask", "iv", "delta", "gamma", "theta", "vega"].map { .float64($0, allowsNaN: true) }
            + [.float64("open_interest"), .float64("volume"), .float64("spot")]
    }

    /// The close of the expiry's session (16:00 NY when the exchange is closed that day).
    public static func expiryClose(_ day: Int32) -> Int64 {
        NYSECalendar.session(on: day)?.close ?? ChainFile.endOfDay(day)
    }

    public static func frame(_ snapshots: [ChainSnapshot]) throws -> Frame {
        let count = snapshots.reduce(0) { $0 + $1.quotes.count }
        var ts = [Int64](), expiry = [Int64](), right = [String]()
        ts.reserveCapacity(count)
        expiry.reserveCapacity(count)
        right.reserveCapacity(count)
        let fields: [(OptionQuote) -> Double] = [\.strike, \.bid, \.ask, \.iv, \.delta, \.gamma, \.theta, \.vega,
                                                 \.openInterest, \.volume]
        var numbers = [[Double]](repeating: [], count: fields.count + 1)
        for i in numbers.indices { numbers[i].reserveCapacity(count) }
        var closes: [Int32: Int64] = [:]
        for snapshot in snapshots {
            let close = closes[snapshot.expiry] ?? expiryClose(snapshot.expiry)
            closes[snapshot.expiry] = close
            for quote in snapshot.quotes {
                ts.append(snapshot.ts)
                expiry.append(close)
                right.append(quote.right.rawValue)
                for (i, field) in fields.enumerated() { numbers[i].append(field(quote)) }
                numbers[fields.count].append(snapshot.spot)
            }
        }
        return try Frame([.timestamp("ts", ts), .timestamp("expiry", expiry), .utf8("right", right)]
            + zip(columns.dropFirst(3), numbers).map { Column.float64($0, $1) })
    }
}
