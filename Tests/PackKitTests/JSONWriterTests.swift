import Foundation
@testable import PackKit
import Testing

/// `JSON.text` is written by hand (`JSONWriter`) for speed; every artifact's bytes depend on it,
/// so it must equal what `JSONEncoder` (sorted keys, slashes unescaped) writes for the same tree.
@Suite struct JSONWriterTests {
    /// PackKit's SplitMix64: the same trees on every run.
    typealias Random = SeededRandom

    static func number(_ r: inout Random) -> Double {
        switch r.below(6) {
        case 0: return Double(r.below(2_000_001)) - 1_000_000
        case 1: return Double(r.below(1_000_000)) / 1000
        case 2: return (r.below(2) == 0 ? 1 : -1) * 9e15 * Double(1 + r.below(4))
        case 3:
            let bits = Double(bitPattern: r.next())
            return bits.isFinite ? bits : 0.5
        case 4: return [0.1, 1e-5, 1e20, 1.5e300, -0.0, 5e-324, 1e16, 0.30000000000000004, 2.5e-7][r.below(9)]
        default: return Double(r.next() % 1_000_000_007) * 1e-9
        }
    }

    static func string(_ r: inout Random) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", "/", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1}", "\u{1f}", "\u{7f}",
                                      "é", "ß", "\u{2028}", "😀", "中", " ", "_", "-"]
        var s = String.UnicodeScalarView()
        for _ in 0..<r.below(12) { s.append(pool[r.below(pool.count)]) }
        return String(s)
    }

    static func tree(_ r: inout Random, depth: Int) -> JSON {
        switch r.below(depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(r.below(2) == 0)
        case 2: return .number(number(&r))
        case 3: return .string(string(&r))
        case 4: return .array((0..<r.below(5)).map { _ in tree(&r, depth: depth + 1) })
        default:
            var members: [String: JSON] = [:]
            for _ in 0..<r.below(6) { members[string(&r)] = tree(&r, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var r = Random(seed: 42)
        for i in 0..<5000 {
            let value = Self.tree(&r, depth: 0)
            let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(value.text == expected, "tree \(i)")
            if value.text != expected { return }
        }
    }

    @Test func nonFiniteNumbersAreNull() {
        #expect(JSON.array([.number(.nan), .number(.infinity), .number(1)]).text == "[null,null,1]")
        #expect(JSON.number(-0.0).text == "0" && JSON.number(1e20).text == "1e+20" && JSON.number(14).text == "14")
    }
}

extension SeededRandom {
    /// Uniform in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
