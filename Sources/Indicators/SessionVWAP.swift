/// Session VWAP: the volume-weighted mean of the typical price (high + low + close) / 3,
/// accumulated from the first bar of each New York calendar date and reset when the date
/// changes.
///
/// Lookback 0. No TA-Lib equivalent; equals per-session `numpy.cumsum` of typical price ×
/// volume over `numpy.cumsum` of volume, with sessions from Python `zoneinfo`. A bar belongs to
/// the session of its timestamp, and a new session starts whenever a bar's date differs from
/// the previous bar's (so unsorted input resets more often). Output is NaN while the
/// session's cumulative volume is 0 (0/0); a NaN input makes the rest of its session NaN.
/// - Parameters:
///   - ts: bar timestamps, nanoseconds since the epoch (UTC).
///   - high, low, close, volume: the bars, same count as `ts`.
///   - out: receives the result; same count, must not overlap the inputs.
/// - Throws: `IndicatorError` for mismatched or overlapping buffers.
public func sessionVWAP(ts: UnsafeBufferPointer<Int64>, high: UnsafeBufferPointer<Double>,
                        low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                        volume: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) throws {
    try BufferChecks.check("vwap", inputs: [UnsafeRawBufferPointer(ts), UnsafeRawBufferPointer(high),
                                            UnsafeRawBufferPointer(low), UnsafeRawBufferPointer(close),
                                            UnsafeRawBufferPointer(volume)], outputs: [out])
    // The calendar is consulted only when a bar leaves the current session's UTC range.
    var sessionStart: Int64 = 1
    var sessionEnd: Int64 = 0
    var priceVolume = 0.0
    var totalVolume = 0.0
    for i in 0..<ts.count {
        let t = ts[i]
        if t < sessionStart || t >= sessionEnd {
            let session = NewYorkCalendar.nanosecondRange(ofDay: newYorkDate(t))
            sessionStart = session.lowerBound
            sessionEnd = session.upperBound
            priceVolume = 0
            totalVolume = 0
        }
        let v = volume[i]
        priceVolume += (high[i] + low[i] + close[i]) / 3.0 * v
        totalVolume += v
        out[i] = priceVolume / totalVolume
    }
}

/// Session VWAP; see the buffer version.
public func sessionVWAP(ts: [Int64], high: [Double], low: [Double], close: [Double], volume: [Double]) throws -> [Double] {
    try ts.withUnsafeBufferPointer { t in
        try high.withUnsafeBufferPointer { h in
            try low.withUnsafeBufferPointer { l in
                try close.withUnsafeBufferPointer { c in
                    try volume.withUnsafeBufferPointer { v in
                        try makeSeries(t.count) {
                            try sessionVWAP(ts: t, high: h, low: l, close: c, volume: v, into: $0)
                        }
                    }
                }
            }
        }
    }
}
