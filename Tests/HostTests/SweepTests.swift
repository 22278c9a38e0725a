import Foundation
@testable import Host
import PackKit
import Testing

@Suite struct SweepTests {
    /// Deterministic returns: `configs` rows of `days` values.
    static func returns(configs: Int, days: Int, seed: UInt64) -> [[Double]] {
        var state = seed
        return (0..<configs).map { _ in
            (0..<days).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.02
            }
        }
    }

    @Test func combinationsAreEveryHalf() {
        let c = CSCV.combinations(6, 3)
        #expect(c.count == 20)
        #expect(c.first == [0, 1, 2] && c.last == [3, 4, 5])
        #expect(Set(c.map { $0.description }).count == 20)
    }

    @Test func aConfigurationBetterEverywhereIsNotOverfit() throws {
        var r = Self.returns(configs: 5, days: 160, seed: 1)
        r[2] = r[2].map { $0 + 0.05 }
        let result = try #require(CSCV.pbo(r, blocks: 8))
        #expect(result.combinations == 70)
        #expect(result.pbo == 0)
        #expect(CSCV.pbo([r[0]], blocks: 8) == nil)
    }

    @Test func pureNoiseMatchesTheReferenceImplementation() throws {
        let r = Self.returns(configs: 12, days: 203, seed: 7)
        let result = try #require(CSCV.pbo(r, blocks: 10))
        let input = String(decoding: try JSONSerialization.data(withJSONObject: ["returns": r, "blocks": 10]), as: UTF8.self)
        let data = Data(try PythonOracle.run([PythonOracle.script("cscv_reference.py")], input: input).utf8)
        let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(reference["combinations"] as? Int == result.combinations)
        #expect(abs((reference["pbo"] as? Double ?? -1) - result.pbo) < 1e-12)
        // Noise has no skill: the in-sample winner is out of sample no better than a coin toss.
        #expect(result.pbo > 0.3 && result.pbo < 0.8)
    }

    @Test func hourSubsetsAreEveryNonEmptyCombination() {
        #expect(SweepRequest.subsets([13, 14]) == [[13], [14], [13, 14]])
        #expect(SweepRequest.subsets([10, 11, 12]).count == 7)
        #expect(SweepRequest.subsets([10, 11, 12]).last == [10, 11, 12])
    }
}
