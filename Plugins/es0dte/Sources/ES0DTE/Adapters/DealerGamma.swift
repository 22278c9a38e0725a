import Foundation
import MarketKit
import PackKit

/// Simulated ES 0DTE open interest and the dealers' gamma exposure it implies, priced with
/// MarketKit's Black–Scholes on the futures path. Open interest is fixed for the day (set
/// before the open): calls centred 20 points above the day's first price, puts 20 below,
/// with a deterministic strike-by-strike jitter. Dealers are taken long the calls and short
/// the puts (customers overwrite calls and buy puts), so a strike's exposure is
/// gamma · (call OI − put OI) · 50 · S² · 1 % in $ millions: positive exposure dampens moves.
struct DealerGamma {
    let day: Int32
    let anchor: Double
    let vol: Double
    let seed: UInt64

    /// Exposure at `strike` with `years` left to the 16:00 expiry and the future at `spot`.
    func exposure(strike: Double, spot: Double, years: Double) -> Double {
        let gamma = BlackScholes.pair(spot: spot, strike: strike, years: max(years, 1e-7), vol: vol).call.gamma
        let (calls, puts) = openInterest(strike)
        return gamma * (calls - puts) * 50 * spot * spot * 0.01 / 1e6
    }

    func openInterest(_ strike: Double) -> (calls: Double, puts: Double) {
        let strikeBits = UInt64(bitPattern: Int64(strike * 4)) &* 0x2545_F491_4F6C_DD1D
        var rng = SeededRandom(seed: seed ^ strikeBits ^ UInt64(UInt32(bitPattern: day)))
        let callBell: Double = exp(-pow((strike - anchor - 20) / 60, 2))
        let putBell: Double = exp(-pow((strike - anchor + 20) / 60, 2))
        let c: Double = 2000 * callBell * (0.6 + 0.8 * rng.uniform())
        let p: Double = 2000 * putBell * (0.6 + 0.8 * rng.uniform())
        return (c.rounded(), p.rounded())
    }
}
