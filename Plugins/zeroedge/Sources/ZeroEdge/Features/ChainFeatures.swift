import MarketKit
import PackKit

/// `numerator / denominator − 1` row by row: a price level made relative to another, so it
/// stays comparable across years of different price levels. NaN when either side is NaN or
/// the denominator is not positive (no snapshot, or a bad quote); never infinite.
func relativeDistance(id: String, description: String, numerator: String, denominator: String) -> Indicator {
    Indicator(ComponentInfo(
        id: id, version: "1.0.0", description: description,
        inputs: [.float64(numerator, allowsNaN: true), .float64(denominator, allowsNaN: true)],
        outputs: featureOutputs("\(numerator) / \(denominator) - 1; NaN without a chain snapshot")
    )) { input, _ in
        let a = try input.float64(numerator), b = try input.float64(denominator)
        return try featureFrame(Float64Column(count: a.count) { out in
            for i in 0..<a.count {
                let v = a[i] / b[i] - 1
                out[i] = b[i] > 0 && v.isFinite ? v : .nan
            }
        })
    }
}

let pinDistance = relativeDistance(
    id: "pin_distance", description: "Distance of spot above the pin strike (largest open interest): close / pin_strike - 1",
    numerator: "close", denominator: MarketFrame.pinStrike)

let atmDistance = relativeDistance(
    id: "atm_distance", description: "Distance of spot above the ATM strike: close / atm_strike - 1",
    numerator: "close", denominator: MarketFrame.atmStrike)

let gammaDensityPeakStrike = relativeDistance(
    id: "gamma_density_peak_strike",
    description: "Distance of the gamma-exposure peak strike from spot: gamma_peak_strike / close - 1",
    numerator: MarketFrame.gammaPeakStrike, denominator: "close")

/// The chain's gamma skew as is: already a ratio in [−1, 1], so stationary.
let gammaSkewLeftRight = Indicator(ComponentInfo(
    id: "gamma_skew_left_right", version: "1.0.0",
    description: "Gamma-exposure skew (below spot - above spot) / total, in [-1, 1]; passthrough of gamma_skew",
    inputs: [.float64(MarketFrame.gammaSkew, allowsNaN: true)],
    outputs: featureOutputs("gamma_skew; NaN without a snapshot or without gamma")
)) { input, _ in
    // Shares the input's storage: the export copies borrowed buffers itself.
    try featureFrame(input.float64(MarketFrame.gammaSkew))
}

/// atm_iv minus the session's first finite atm_iv: how implied volatility moved since the open.
let atmIVOpenDelta = Indicator(ComponentInfo(
    id: "atm_iv_open_delta", version: "1.0.0",
    description: "ATM implied volatility minus the session's first finite ATM implied volatility",
    inputs: [.timestamp("ts"), .float64(MarketFrame.atmIV, allowsNaN: true)],
    outputs: featureOutputs("atm_iv - first finite atm_iv of the New York date; NaN until one exists or when atm_iv is NaN"),
    causality: Causality(lookbackBars: NewYorkClock.sessionBars)
)) { input, _ in
    let ts = try input.timestamps(), iv = try input.float64(MarketFrame.atmIV)
    var session = SessionTracker()
    var first = Double.nan
    return try featureFrame(Float64Column(count: ts.count) { out in
        for i in 0..<ts.count {
            if session.startsSession(ts[i]) { first = .nan }
            if first.isNaN { first = iv[i] }
            out[i] = iv[i] - first
        }
    })
}
