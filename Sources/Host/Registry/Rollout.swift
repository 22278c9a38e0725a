/// How alerts use a rollout configuration (its storage and JSON belong to the registry core).
extension RolloutConfig {
    /// The router of a canary rollout: its seed and fraction decide every decision's arm.
    public var router: CanaryRouter { CanaryRouter(seed: rngSeed, fraction: canaryFraction) }

    /// The route a decision takes under this configuration: `canary`/`baseline` in canary mode,
    /// `full` otherwise (the active version alone decides).
    public func route(decisionKey: String) -> String {
        mode == .canary ? router.route(key: decisionKey).rawValue : SignalRoute.full
    }
}

/// The values of the `route` column of signals files.
public enum SignalRoute {
    /// The active version alone (no canary running, or no registry).
    public static let full = "full"
    /// A shadow version's calls, recorded in shadow_signals.csv and never alerting.
    public static let shadow = "shadow"
}
