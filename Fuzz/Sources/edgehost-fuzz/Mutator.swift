import Foundation

/// Deterministic input generator (SplitMix64): the same seed gives the same inputs, so a run is
/// reproducible. Mutations are libFuzzer's usual ones at byte level plus dictionary tokens,
/// line duplication (grows YAML alias chains and CSV rows) and truncation (cuts ELF files).
struct Mutator {
    static let maxSize = 4096  // libFuzzer's default -max_len: long inputs only slow the run down
    var state: UInt64
    let tokens: [[UInt8]]

    init(seed: UInt64, tokens: [String]) {
        state = seed
        self.tokens = tokens.map { Array($0.utf8) }
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// One to four mutations of `input`, spliced with `other` now and then.
    mutating func mutate(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...below(4) { step(&b, other: other) }
        if b.count > Mutator.maxSize { b.removeLast(b.count - Mutator.maxSize) }
        return b
    }

    private mutating func step(_ b: inout [UInt8], other: [UInt8]) {
        let at = below(b.count + 1)
        switch below(9) {
        case 0 where !b.isEmpty: b[min(at, b.count - 1)] ^= UInt8(1 << below(8))
        case 1 where !b.isEmpty: b[min(at, b.count - 1)] = UInt8(truncatingIfNeeded: next())
        case 2: b.insert(UInt8(truncatingIfNeeded: next()), at: at)
        case 3 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + 1 + below(8)))
        case 4 where !tokens.isEmpty, 5 where !tokens.isEmpty: b.insert(contentsOf: tokens[below(tokens.count)], at: at)
        case 6 where !b.isEmpty:
            // Replace the whole field (between separators) holding `at` with a token.
            let separator: (UInt8) -> Bool = { $0 == 44 || $0 == 10 || $0 == 32 || $0 == 58 }
            let start = b[..<at].lastIndex(where: separator).map { $0 + 1 } ?? 0
            let end = b[at...].firstIndex(where: separator) ?? b.count
            b.replaceSubrange(start..<end, with: tokens.isEmpty ? [] : tokens[below(tokens.count)])
        case 7:
            // Duplicate the line holding `at`.
            let start = b[..<at].lastIndex(of: 10).map { $0 + 1 } ?? 0
            let end = b[at...].firstIndex(of: 10).map { $0 + 1 } ?? b.count
            b.insert(contentsOf: b[start..<end], at: end)
        case 8 where !b.isEmpty:
            if below(2) == 0 { b.removeLast(b.count - below(b.count)) } else { b += other.prefix(below(other.count + 1)) }
        default: b.append(UInt8(truncatingIfNeeded: next()))
        }
    }
}
