#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MarketKit
import PackKit

/// Deterministic BTCUSDT and ETHUSDT 1-minute klines from 2024-01-01 00:00 UTC, with the
/// 5-minute bars aggregated from them and 8-hourly funding (docs/data.md). Generated in one
/// pass from the origin, so any range of a seed has the same bytes.
///
/// Per minute and symbol: GARCH(1,1) volatility, Student-t(4) innovations correlated across
/// the two symbols (one shared chi-square: joint tails), random wicks and log-normal volume.
/// Per 5-minute block: jumps (shared or own), volume bursts, liquidity gaps (a wide wick on
/// thin volume) — each drawn every block so `effects=none` keeps the same noise. After a
/// block, the detectors' rules run on the 5-minute bars and plant the effects that follow.
struct KlineSimulator: Equatable {
    static let origin = Int64(MarketDate.parse("2024-01-01")!) * CryptoQuery.day
    static let minute: Int64 = 60_000_000_000
    static let alpha = 0.06, beta = 0.92
    static let jumpRate = 0.003, burstRate = 0.006, gapRate = 0.004
    static let fundingEvery: Int64 = 8 * 60

    struct Output {
        var minute: [Klines]
        var fiveMinute: [Klines]
        var funding: [FundingRates]
    }

    var seed: UInt64
    var effects: PlantedEffects

    /// Bars starting before `end` (UTC nanoseconds), from the origin.
    func run(until end: Int64) -> Output {
        let symbols = SimSymbol.all
        var rng = SeededRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 0x6A09_E667_F3BC_C909)
        var out = Output(minute: symbols.map { _ in Klines() }, fiveMinute: symbols.map { _ in Klines() },
                         funding: symbols.map { _ in FundingRates() })
        var variance = symbols.map { $0.sigma * $0.sigma }
        var price = symbols.map(\.price)
        var funding = symbols.map { _ in 0.0001 }
        // Planted drift (bps) of the next blocks, by block index modulo 8.
        var drift = symbols.map { _ in [Double](repeating: 0, count: 8) }
        let blocks = max(0, (end - Self.origin) / (5 * Self.minute))
        for block in 0..<Int(blocks) {
            let t0 = Self.origin + Int64(block) * 5 * Self.minute
            if (Int64(block) * 5) % Self.fundingEvery == 0 {
                let common = rng.normal()
                for s in symbols.indices {
                    funding[s] = 0.6 * funding[s] + 0.4 * 0.0001 + 0.00012 * (0.6 * common + 0.8 * rng.normal())
                    funding[s] = (funding[s] * 1e8).rounded() / 1e8
                    out.funding[s].ts.append(t0)
                    out.funding[s].rate.append(funding[s])
                }
            }
            let plan = BlockPlan(&rng, symbols: symbols.count)
            var bar = symbols.map { _ in (open: 0.0, high: 0.0, low: Double.infinity, close: 0.0, volume: 0.0) }
            for m in 0..<5 {
                // Student-t(4) with variance 1: a normal over sqrt(chi2_4 / 4), chi2_4 = -2 ln(u1 u2).
                let scale = (-2 * log(rng.uniform() * rng.uniform()) / 4).squareRoot() * 2.0.squareRoot()
                let n1 = rng.normal(), n2 = 0.8 * n1 + 0.6 * rng.normal()
                for (s, spec) in symbols.enumerated() {
                    let sigma = variance[s].squareRoot()
                    let z = (s == 0 ? n1 : n2) / scale
                    let shock = sigma * z
                    var r = shock + drift[s][block % 8] / 5 * 1e-4
                    if plan.jump[s] != 0, plan.jumpMinute == m { r += plan.jump[s] * (5 * variance[s]).squareRoot() }
                    variance[s] = spec.sigma * spec.sigma * (1 - Self.alpha - Self.beta) + Self.alpha * shock * shock + Self.beta * variance[s]
                    let open = price[s]
                    let close = Self.cents(open * exp(r))
                    price[s] = close
                    var wick = 0.4 * sigma
                    var volume = spec.volume * exp(0.5 * rng.normal() - 0.125) * (1 + 0.3 * abs(z))
                    if plan.gap[s] > 0 {
                        volume *= 0.15
                        if plan.gapMinute[s] == m { wick += plan.gap[s] * (5 * variance[s]).squareRoot() }
                    }
                    volume *= plan.burst[s]
                    let high = Self.cents(max(open, close) * exp(abs(rng.normal()) * wick))
                    let low = Self.cents(min(open, close) * exp(-abs(rng.normal()) * wick))
                    let p = pow(10, Double(spec.volumeDecimals))
                    volume = max((volume * p).rounded() / p, 1 / p)
                    out.minute[s].append(ts: t0 + Int64(m) * Self.minute, open: open, high: high, low: low, close: close, volume: volume)
                    if m == 0 { bar[s].open = open }
                    bar[s].high = max(bar[s].high, high)
                    bar[s].low = min(bar[s].low, low)
                    bar[s].close = close
                    bar[s].volume += volume
                }
            }
            for s in symbols.indices {
                drift[s][block % 8] = 0
                let b = bar[s]
                out.fiveMinute[s].append(ts: t0, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume)
                plant(after: out.fiveMinute[s], block: block, drift: &drift[s])
            }
        }
        return out
    }

    /// Schedules the drift that follows the newest 5-minute bar's events (the detectors' rules,
    /// default thresholds): against the bar's move, over the next six blocks.
    private func plant(after bars: Klines, block: Int, drift: inout [Double]) {
        let i = bars.count - 1
        guard i >= 1, effects != .none else { return }
        let move = bars.close[i] - bars.close[i - 1]
        guard move != 0 else { return }
        var total = 0.0
        // A bar that is both events carries the larger effect, not the sum: each type's size stays as documented.
        if EventRules.volShock(close: bars.close, at: i, threshold: EventRules.shockThreshold) == 1 { total = effects.shockBps }
        if EventRules.liquidityDislocation(high: bars.high, low: bars.low, volume: bars.volume, at: i,
                                           rangeZ: EventRules.dislocationRangeZ, illiquidityZ: EventRules.dislocationIlliquidityZ) == 1 {
            total = max(total, effects.dislocationBps)
        }
        guard total > 0 else { return }
        for (k, w) in PlantedEffects.weights.enumerated() { drift[(block + 1 + k) % 8] -= (move > 0 ? 1 : -1) * total * w }
    }

    static func cents(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}

/// What happens to each symbol in one 5-minute block, drawn up front (always the same number
/// of draws, whatever is planted).
private struct BlockPlan {
    /// Jump size in 5-minute standard deviations (signed), 0 for none.
    var jump: [Double] = []
    var jumpMinute = 0
    /// Volume multiplier (1 = no burst).
    var burst: [Double] = []
    /// Liquidity gap: wick in 5-minute standard deviations (0 = none), and its minute.
    var gap: [Double] = []
    var gapMinute: [Int] = []

    init(_ rng: inout SeededRandom, symbols: Int) {
        let shared = rng.uniform() < KlineSimulator.jumpRate
        let sharedSign = rng.uniform() < 0.5 ? -1.0 : 1.0
        jumpMinute = Int(rng.next() % 5)
        for _ in 0..<symbols {
            let own = rng.uniform() < KlineSimulator.jumpRate, sign = rng.uniform() < 0.5 ? -1.0 : 1.0
            let size = 5 + 3 * rng.uniform()
            jump.append(shared ? sharedSign * size : own ? sign * size : 0)
            let isBurst = rng.uniform() < KlineSimulator.burstRate
            let burstSize = 5 + 5 * rng.uniform()
            burst.append(isBurst ? burstSize : 1)
            let isGap = rng.uniform() < KlineSimulator.gapRate
            let gapSize = 3 + 3 * rng.uniform()
            gap.append(isGap ? gapSize : 0)
            gapMinute.append(Int(rng.next() % 5))
        }
    }
}
