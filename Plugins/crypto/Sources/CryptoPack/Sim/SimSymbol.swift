import PackKit

/// How one simulated symbol moves: its starting price, 1-minute volatility and volume.
struct SimSymbol: Sendable {
    var name: String
    var price: Double
    /// Unconditional standard deviation of a 1-minute log return.
    var sigma: Double
    /// Mean base-asset volume of a quiet minute.
    var volume: Double
    /// Decimal places of the volume (Binance's lot precision).
    var volumeDecimals: Int

    static let btc = SimSymbol(name: "BTCUSDT", price: 42_000, sigma: 0.0007, volume: 20, volumeDecimals: 5)
    static let eth = SimSymbol(name: "ETHUSDT", price: 2_300, sigma: 0.0009, volume: 300, volumeDecimals: 4)
    static let all = [btc, eth]
}

/// The planted effects (docs/data.md): after each bar the pack's own detector marks as a
/// VOL_SHOCK (or LIQUIDITY_DISLOCATION) on the 5-minute bars, the next six 5-minute bars
/// drift against the event bar's move by `total` bps, front-loaded by `weights`.
struct PlantedEffects: Sendable, Equatable {
    var shockBps: Double
    var dislocationBps: Double

    /// Share of the total drift in each of the six bars after the event (sums to 1).
    static let weights = [0.30, 0.25, 0.20, 0.10, 0.10, 0.05]
    static let all = PlantedEffects(shockBps: 35, dislocationBps: 20)
    static let none = PlantedEffects(shockBps: 0, dislocationBps: 0)

    init(shockBps: Double, dislocationBps: Double) {
        (self.shockBps, self.dislocationBps) = (shockBps, dislocationBps)
    }

    init(named name: String) throws(ComponentError) {
        switch name {
        case "all": self = .all
        case "none": self = .none
        default: throw ComponentError("parameter 'effects' must be \"all\" or \"none\", got '\(name)'")
        }
    }
}
