#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The event rules, as plain functions of bars 0...i: the detectors (`event.*` indicators) and
/// the simulator's planted effects call the same code, so a planted effect follows exactly the
/// bars the detector marks. Each window is summed afresh at every row (no running sums), so a
/// value depends only on its window's bits: history invariance holds exactly.
///
/// Each rule returns 1 (the event is known at bar i's close), 0, or NaN (not enough history,
/// or a NaN input in the window).
enum EventRules {
    /// Bars of history the thresholds are measured against (4 hours of 5-minute bars).
    static let window = 48

    /// The detectors' default thresholds; the simulator plants its effects with these.
    static let shockThreshold = 4.0
    static let dislocationRangeZ = 2.0
    static let dislocationIlliquidityZ = 3.0
    static let burstRatio = 4.0
    static let fundingThreshold = 0.0003

    @inline(__always)
    static func logReturn(_ close: [Double], _ i: Int) -> Double {
        i > 0 && close[i - 1] > 0 && close[i] > 0 ? log(close[i] / close[i - 1]) : .nan
    }

    /// VOL_SHOCK: |r_i| ≥ `threshold` × the RMS of the `window` one-bar log returns before it.
    static func volShock(close: [Double], at i: Int, threshold: Double, window: Int = window) -> Double {
        guard i > window else { return .nan }
        var sum = 0.0
        for j in (i - window)..<i { let r = logReturn(close, j); sum += r * r }
        let r = logReturn(close, i)
        guard sum.isFinite, r.isFinite else { return .nan }
        let rms = (sum / Double(window)).squareRoot()
        return abs(r) > 0 && abs(r) >= threshold * rms ? 1 : 0
    }

    /// LIQUIDITY_DISLOCATION: the bar's range is wide for the volume that made it — the z-score
    /// of ln(high/low) / volume (an Amihud-style illiquidity ratio) against the `window` bars
    /// before is ≥ `illiquidityZ` — and wide against the recent spread proxy: the z-score of
    /// ln(high/low) itself is ≥ `rangeZ`.
    static func liquidityDislocation(high: [Double], low: [Double], volume: [Double], at i: Int,
                                     rangeZ: Double, illiquidityZ: Double, window: Int = window) -> Double {
        guard i >= window else { return .nan }
        guard let z = zScore(at: i, window: window, { log(high[$0] / low[$0]) }),
              let illiquid = zScore(at: i, window: window, { volume[$0] > 0 ? log(high[$0] / low[$0]) / volume[$0] : .nan }) else { return .nan }
        return z >= rangeZ && illiquid >= illiquidityZ ? 1 : 0
    }

    /// VOLUME_BURST: volume ≥ `ratio` × the mean volume of the `window` bars before.
    static func volumeBurst(volume: [Double], at i: Int, ratio threshold: Double, window: Int = window) -> Double {
        guard i >= window, let r = ratio(volume, at: i, window: window) else { return .nan }
        return r >= threshold ? 1 : 0
    }

    /// FUNDING_EXTREME: a new funding print (the rate differs from the previous bar's) whose
    /// magnitude is ≥ `threshold`. No known rate is no event (0), not missing data.
    static func fundingExtreme(funding: [Double], at i: Int, threshold: Double) -> Double {
        guard i >= 1 else { return .nan }
        let f = funding[i], before = funding[i - 1]
        guard f.isFinite else { return 0 }
        let isNew = before.isNaN || f != before
        return isNew && abs(f) >= threshold ? 1 : 0
    }

    /// (value_i − mean) / std of `value` over the `window` rows before i (population std);
    /// nil on a NaN. A flat window gives ±∞ for any move (or 0 for none).
    static func zScore(at i: Int, window: Int, _ value: (Int) -> Double) -> Double? {
        var sum = 0.0, squares = 0.0
        for j in (i - window)..<i { let v = value(j); sum += v; squares += v * v }
        let x = value(i)
        guard sum.isFinite, squares.isFinite, x.isFinite else { return nil }
        let mean = sum / Double(window)
        let sd = max(squares / Double(window) - mean * mean, 0).squareRoot()
        guard sd > 0 else { return x == mean ? 0 : (x > mean ? .infinity : -.infinity) }
        return (x - mean) / sd
    }

    /// value_i / the mean of the `window` values before; nil on a NaN or a zero mean.
    static func ratio(_ values: [Double], at i: Int, window: Int) -> Double? {
        var sum = 0.0
        for j in (i - window)..<i { sum += values[j] }
        let mean = sum / Double(window)
        guard mean.isFinite, values[i].isFinite, mean > 0 else { return nil }
        return values[i] / mean
    }
}
