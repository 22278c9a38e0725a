import Foundation

/// Splits decisions between the baseline (active) and canary (candidate) versions. The split is a
/// hash, not a random draw: the same key always takes the same route, so a rerun of alerts
/// writes the same rows, and anyone can recompute why a signal went where it did.
public struct CanaryRouter: Sendable, Equatable {
    public enum Route: String, Sendable, CaseIterable { case canary, baseline }

    public let seed: UInt64
    /// Share of keys routed to the canary, in [0, 1].
    public let fraction: Double

    public init(seed: UInt64, fraction: Double) {
        self.seed = seed
        self.fraction = fraction
    }

    /// The key's position in [0, 1): the first 8 bytes of SHA-256("<seed>|<key>") read as a
    /// big-endian UInt64, divided by 2^64.
    public func draw(key: String) -> Double {
        let digest = Hashing.sha256Digest(Data("\(seed)|\(key)".utf8))
        let word = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Double(word) / 18_446_744_073_709_551_616.0
    }

    /// `.canary` when the key's draw falls below the fraction.
    public func route(key: String) -> Route { draw(key: key) < fraction ? .canary : .baseline }
}
