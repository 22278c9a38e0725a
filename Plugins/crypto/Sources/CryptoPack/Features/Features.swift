#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PackKit

extension Crypto {
    /// The feature set (docs/events.md); `ret_spread` reads the legs every adapter adds (`SpreadLegs`).
    static let features: [Indicator] = [logReturn, realisedVol, rangeZ, volumeZ, fundingZ, returnSpread]
}

private func valueOutputs(_ description: String) -> [ColumnSpec] { [.float64("value", allowsNaN: true, description)] }

/// A one-column indicator whose row i is `value(columns, i, window)` from row `window` on.
private func windowed(_ id: String, _ description: String, window: ParamSpec, inputs: [String],
                      value: @escaping @Sendable (_ columns: [[Double]], _ i: Int, _ window: Int) -> Double) -> Indicator {
    Indicator(ComponentInfo(
        id: id, version: "1.0.0", description: description, params: [window],
        inputs: [.timestamp("ts")] + inputs.map { .float64($0, allowsNaN: $0 == "funding_rate" || SpreadLegs.columns.contains($0)) },
        outputs: valueOutputs(description),
        causality: Causality(lookbackBars: Int64(window.defaultJSON.flatMap { Int($0) } ?? 0))
    ), lookback: { params in Reach(bars: Int64(try params.int(window.name))) }) { input, params in
        let columns = try inputs.map { Array(try input.float64($0)) }
        let w = try params.int(window.name)
        var out = [Double](repeating: .nan, count: input.rowCount)
        for i in w..<max(input.rowCount, w) {
            // A flat window's z-score is infinite: no finite answer, so missing.
            let v = value(columns, i, w)
            out[i] = v.isFinite ? v : .nan
        }
        return try Frame([.float64("value", out)])
    }
}

/// ln(close_i / close_{i−horizon}).
let logReturn = windowed("ret", "Log return over `horizon` bars: ln(close_i / close_(i-horizon))",
                         window: .int("horizon", default: 1, min: 1, max: 10_000, "bars (1, 3, 12 in the shipped set)"),
                         inputs: ["close"]) { c, i, h in
    c[0][i] > 0 && c[0][i - h] > 0 ? log(c[0][i] / c[0][i - h]) : .nan
}

/// RMS of the last `window` one-bar log returns (per bar, not annualised).
let realisedVol = windowed("realised_vol", "Realised volatility: RMS of the last `window` one-bar log returns (per bar)",
                           window: .int("window", default: 24, min: 2, max: 10_000, "returns in the window"),
                           inputs: ["close"]) { c, i, w in
    var sum = 0.0
    for j in (i - w + 1)...i { let r = EventRules.logReturn(c[0], j); sum += r * r }
    return (sum / Double(w)).squareRoot()
}

/// z-score of ln(high/low) against the `window` bars before.
let rangeZ = windowed("range_z", "z-score of the bar's log range ln(high/low) against the `window` bars before it",
                      window: .int("window", default: 48, min: 2, max: 10_000, "bars before the row"),
                      inputs: ["high", "low"]) { c, i, w in
    EventRules.zScore(at: i, window: w) { log(c[0][$0] / c[1][$0]) } ?? .nan
}

/// z-score of volume against the `window` bars before.
let volumeZ = windowed("volume_z", "z-score of the bar's volume against the `window` bars before it",
                       window: .int("window", default: 48, min: 2, max: 10_000, "bars before the row"),
                       inputs: ["volume"]) { c, i, w in
    EventRules.zScore(at: i, window: w) { c[0][$0] } ?? .nan
}

/// z-score of the funding rate in force against the `window` bars before (3 days of 5-minute bars).
let fundingZ = windowed("funding_z", "z-score of the funding rate in force against its values over the `window` bars before (NaN without a known rate or a constant rate)",
                        window: .int("window", default: 864, min: 2, max: 100_000, "bars before the row (864 = 3 days of 5-minute bars)"),
                        inputs: ["funding_rate"]) { c, i, w in
    EventRules.zScore(at: i, window: w) { c[0][$0] } ?? .nan
}

/// ln(btc_i / btc_(i−horizon)) − ln(eth_i / eth_(i−horizon)) on the legs' closes at this
/// symbol's bars i and i − horizon: NaN when either leg lacks either bar (a gap is never
/// bridged by another bar), so the same number on BTCUSDT's and ETHUSDT's rows at one time
/// when both have the bars.
let returnSpread = windowed("ret_spread", "Cross-symbol return spread: BTCUSDT's log return over `horizon` bars minus ETHUSDT's, "
                            + "from the btc_close and eth_close legs (NaN when either leg lacks a bar)",
                            window: .int("horizon", default: 1, min: 1, max: 10_000, "bars (1, 3, 12 in the shipped set)"),
                            inputs: SpreadLegs.columns) { c, i, h in
    let (b, e) = (c[0], c[1])
    // NaN fails `> 0`, so a missing leg bar gives NaN.
    guard b[i] > 0, b[i - h] > 0, e[i] > 0, e[i - h] > 0 else { return .nan }
    return log(b[i] / b[i - h]) - log(e[i] / e[i - h])
}
