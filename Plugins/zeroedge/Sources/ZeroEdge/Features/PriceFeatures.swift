#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import Indicators
import PackKit

/// close / session VWAP − 1, with the built-in session VWAP (typical price, reset each New York date).
let vwapDistance = Indicator(ComponentInfo(
    id: "vwap_distance", version: "1.0.0",
    description: "Distance of spot above the session VWAP: close / session VWAP - 1",
    inputs: [.timestamp("ts"), .float64("high"), .float64("low"), .float64("close"), .float64("volume")],
    outputs: featureOutputs("close / VWAP - 1; NaN while the session's volume is 0 or after a NaN bar in the session"),
    causality: Causality(lookbackBars: NewYorkClock.sessionBars)
)) { input, _ in
    let ts = try input.timestamps(), close = try input.float64("close")
    let (high, low, volume) = (try input.float64("high"), try input.float64("low"), try input.float64("volume"))
    return try featureFrame(Float64Column(count: ts.count) { out in
        // The VWAP is written into the output and turned into the distance in place.
        try ts.withUnsafeBufferPointer { t in
            try high.withUnsafeBufferPointer { h in
                try low.withUnsafeBufferPointer { l in
                    try close.withUnsafeBufferPointer { c in
                        try volume.withUnsafeBufferPointer { v in
                            try sessionVWAP(ts: t, high: h, low: l, close: c, volume: v, into: out)
                            for i in 0..<c.count { out[i] = c[i] / out[i] - 1 }
                        }
                    }
                }
            }
        }
    })
}

/// Realized volatility of the session's last `period` 1-minute log returns (close to close),
/// as a standard deviation per minute, annualised by default: sqrt(252 · 390 / period · Σ r²).
/// The overnight return is left out: the open gap is its own feature and would dominate.
let realizedVol = Indicator(ComponentInfo(
    id: "realized_vol", version: "1.0.0",
    description: "Intraday realized volatility of the session's last `period` 1-minute log returns, annualised by default",
    params: [.int("period", default: 30, min: 2, max: 389, "1-minute returns in the window, all from the same session"),
             .bool("annualize", default: true, "multiply the per-minute deviation by sqrt(252 * 390)")],
    inputs: [.timestamp("ts"), .float64("close")],
    outputs: featureOutputs("sqrt(scale / period * sum of squared log returns); NaN for the session's first `period` rows or while a NaN return is in the window"),
    causality: Causality(lookbackBars: 30, lookbackNanoseconds: 30 * NewYorkClock.minute)
)) { input, params in
    let ts = try input.timestamps(), close = try input.float64("close")
    let period = try params.int("period")
    let scale = (try params.bool("annualize") ? 252.0 * 390.0 : 1.0) / Double(period)
    // Recomputing the return that leaves the window is cheaper than keeping a ring of them.
    func squaredReturn(_ i: Int) -> Double {
        let r = log(close[i] / close[i - 1])
        return r.isFinite ? r * r : .nan
    }
    var session = SessionTracker()
    var sessionStart = 0, nanReturns = 0
    var sum = 0.0
    return try featureFrame(Float64Column(count: ts.count) { out in
        for i in 0..<ts.count {
            if session.startsSession(ts[i]) {
                (sessionStart, nanReturns, sum) = (i, 0, 0)
                out[i] = .nan
                continue
            }
            let entering = squaredReturn(i)
            if entering.isNaN { nanReturns += 1 } else { sum += entering }
            let returns = i - sessionStart
            if returns > period {
                let leaving = squaredReturn(i - period)
                if leaving.isNaN { nanReturns -= 1 } else { sum -= leaving }
            }
            out[i] = returns >= period && nanReturns == 0 ? (Swift.max(sum, 0) * scale).squareRoot() : .nan
        }
    })
}
