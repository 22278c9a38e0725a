import PackKit

/// Bars of one symbol, oldest first: `ts` is the bar's start (UTC nanoseconds).
struct Klines: Sendable, Equatable {
    var ts: [Int64] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []

    var count: Int { ts.count }

    mutating func append(ts t: Int64, open o: Double, high h: Double, low l: Double, close c: Double, volume v: Double) {
        ts.append(t)
        open.append(o)
        high.append(h)
        low.append(l)
        close.append(c)
        volume.append(v)
    }

    /// The bars with `range.contains(ts)`.
    func slice(_ range: Range<Int64>) -> Klines {
        let lo = Self.firstIndex(ts, atOrAfter: range.lowerBound), hi = Self.firstIndex(ts, atOrAfter: range.upperBound)
        return Klines(ts: Array(ts[lo..<hi]), open: Array(open[lo..<hi]), high: Array(high[lo..<hi]),
                      low: Array(low[lo..<hi]), close: Array(close[lo..<hi]), volume: Array(volume[lo..<hi]))
    }

    /// The first index whose time is ≥ `t` (`ts.count` when none).
    static func firstIndex(_ ts: [Int64], atOrAfter t: Int64) -> Int {
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ts[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The adapter's frame: the bars plus `funding_rate`, the last rate published at or before
    /// each bar's start (forward-held, NaN before the first known print), then the spread's
    /// legs on these bars (`SpreadLegs`).
    func frame(funding: FundingRates, legs: SpreadLegs) throws -> Frame {
        let closes = legs.closes(on: ts)
        return try Frame([.timestamp("ts", ts), .float64("open", open), .float64("high", high), .float64("low", low),
                          .float64("close", close), .float64("volume", volume), .float64("funding_rate", funding.held(at: ts))]
                         + zip(SpreadLegs.columns, closes).map { .float64($0, $1) })
    }

    static let outputSpecs: [ColumnSpec] = [
        .timestamp("ts", "bar start, UTC"),
        .float64("open"), .float64("high"), .float64("low"), .float64("close"),
        .float64("volume", "base-asset volume (BTC, ETH)"),
        .float64("funding_rate", allowsNaN: true,
                 "last 8-hourly USDT-M funding rate published at or before the bar's start (fraction; NaN before the first known print)"),
    ] + SpreadLegs.outputSpecs
}

/// 8-hourly funding prints of one symbol, oldest first.
struct FundingRates: Sendable, Equatable {
    var ts: [Int64] = []
    var rate: [Double] = []

    /// The rate in force at each of `times` (ascending): the newest print at or before it.
    func held(at times: [Int64]) -> [Double] {
        var out = [Double](repeating: .nan, count: times.count)
        var j = -1
        for (i, t) in times.enumerated() {
            while j + 1 < ts.count, ts[j + 1] <= t { j += 1 }
            if j >= 0 { out[i] = rate[j] }
        }
        return out
    }
}
