import PackKit

/// What a round trip on an event costs, in basis points of the entry price: the taker fee on
/// both sides plus slippage on both sides, estimated from the event bar alone (it is known
/// when the order goes in):
///
///     slippage per side = slippage_bps_per_range_pct × 100·(high − low)/close
///                         × min(slippage_max_volume_factor, √(mean volume of the last
///                               slippage_volume_window bars / the bar's volume))
///
/// A wide bar costs more to cross, and a thin one (volume below its recent mean) more still.
/// Parameters come from the pack's risk-profile budgets when present, else the defaults
/// below, and a command-line flag overrides either.
public struct TradingCosts: Sendable, Equatable {
    public var takerFeeBps = 4.0
    public var slippageBpsPerRangePct = 2.0
    public var slippageVolumeWindow = 48
    public var slippageMaxVolumeFactor = 3.0

    public init() {}

    /// The budget keys, as a risk profile spells them.
    public static let keys = ["taker_fee_bps", "slippage_bps_per_range_pct", "slippage_volume_window", "slippage_max_volume_factor"]

    /// The defaults with every key `budgets` holds as a number replaced.
    public init(budgets: JSON?) throws {
        self.init()
        try apply(budgets, source: "risk profile")
    }

    /// Replaces the parameters `values` names (`taker_fee_bps`, …); `source` is for messages.
    public mutating func apply(_ values: JSON?, source: String) throws {
        func number(_ key: String) throws -> Double? {
            guard let v = values?[key] else { return nil }
            guard let x = v.doubleValue, x.isFinite, x >= 0 else { throw WorkspaceError("\(source): \(key) must be a number ≥ 0, got \(v.text)") }
            return x
        }
        takerFeeBps = try number("taker_fee_bps") ?? takerFeeBps
        slippageBpsPerRangePct = try number("slippage_bps_per_range_pct") ?? slippageBpsPerRangePct
        slippageMaxVolumeFactor = try number("slippage_max_volume_factor") ?? slippageMaxVolumeFactor
        if let w = try number("slippage_volume_window") {
            guard w >= 1, w <= 100_000, w.rounded() == w else { throw WorkspaceError("\(source): slippage_volume_window must be a whole number of bars 1–100000, got \(w)") }
            slippageVolumeWindow = Int(w)
        }
    }

    public var json: JSON {
        .object(["taker_fee_bps": .number(takerFeeBps), "slippage_bps_per_range_pct": .number(slippageBpsPerRangePct),
                 "slippage_volume_window": .number(Double(slippageVolumeWindow)), "slippage_max_volume_factor": .number(slippageMaxVolumeFactor)])
    }

    /// Round-trip cost in bps of an order sent at the close of bar `i`, from bars 0…i only.
    public func roundTripBps(at i: Int, high: [Double], low: [Double], close: [Double], volume: [Double]) -> Double {
        let rangePct = close[i] > 0 ? 100 * (high[i] - low[i]) / close[i] : 0
        let first = max(0, i - slippageVolumeWindow + 1)
        var sum = 0.0
        for j in first...i { sum += volume[j] }
        let mean = sum / Double(i - first + 1)
        let thin = volume[i] > 0 ? min(slippageMaxVolumeFactor, (mean / volume[i]).squareRoot()) : slippageMaxVolumeFactor
        let slippage = slippageBpsPerRangePct * max(rangePct, 0) * thin
        return 2 * takerFeeBps + 2 * (slippage.isFinite ? slippage : 0)
    }
}
