import PackKit

/// Independent random streams keyed by (seed, purpose, a, b), so each simulated day and strike
/// draws the same numbers whatever else is simulated in the same call.
enum SimulationSeed {
    static let dailyWalk: UInt64 = 0x6461_696C_79  // "daily"
    static let minutes: UInt64 = 0x6D69_6E75_7465  // "minute"
    static let chainDay: UInt64 = 0x6368_6169_6E   // "chain"
    static let strike: UInt64 = 0x7374_7269_6B65   // "strike"

    static func stream(_ seed: UInt64, _ purpose: UInt64, _ a: Int64 = 0, _ b: Int64 = 0) -> SeededRandom {
        var h = mix(seed ^ 0x5EED_0F_ED6E)
        h = mix(h ^ purpose)
        h = mix(h ^ UInt64(bitPattern: a))
        h = mix(h ^ UInt64(bitPattern: b))
        return SeededRandom(seed: h)
    }

    /// SplitMix64's finaliser: a bijection that spreads every input bit over the output.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
