import PackKit

/// Effects planted in the simulated bar path, so the pipeline has something real but weak to
/// find (sizes, timing and the features that see them: Plugins/zeroedge/docs/data.md, "Planted
/// effects"). The option market maker does not know them: chains are priced as if the path had
/// none, and with `none` the bars are exactly the effect-free simulation.
public struct MarketEffects: Sendable, Equatable {
    /// Share of the remaining distance to the pin strike closed each minute of the pin window.
    public var pinPull: Double
    /// The pin window: the session's last `pinMinutes` minutes.
    public var pinMinutes: Int
    /// Share of the opening gap the session takes back (open-to-close drift −gapFade × gap).
    public var gapFade: Double

    public init(pinPull: Double, pinMinutes: Int, gapFade: Double) {
        self.pinPull = pinPull
        self.pinMinutes = pinMinutes
        self.gapFade = gapFade
    }

    public static let none = MarketEffects(pinPull: 0, pinMinutes: 0, gapFade: 0)
    /// About 16 % of the distance to the pin closed over the last three hours; a fifth of the gap faded.
    public static let standard = MarketEffects(pinPull: 0.001, pinMinutes: 180, gapFade: 0.2)

    /// The effects an adapter parameter names: `none` or `default`.
    public init(named name: String) throws {
        switch name {
        case "none": self = .none
        case "default": self = .standard
        default: throw ComponentError("effects must be \"none\" or \"default\", got '\(name)'")
        }
    }
}
