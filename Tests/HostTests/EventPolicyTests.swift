import Testing
@testable import Host
import PackKit

@Suite struct EventPolicyTests {
    /// Wilson's interval for 5 of 100: [0.0215, 0.1118] (Newcombe 1998, method 3).
    @Test func wilsonKnownValue() {
        let w = WilsonInterval(rate: 0.05, n: 100)
        #expect(abs(w.low - 0.02154) < 1e-4 && abs(w.high - 0.11175) < 1e-4, "\(w)")
        #expect(WilsonInterval(rate: 0, n: 20).low == 0)
        #expect(WilsonInterval(rate: .nan, n: 0) == WilsonInterval(rate: 0.3, n: 0))
    }

    /// Tiers from the upper bound and width; rank by value at the upper CI; the cap and staleness block.
    @Test func tiersRanksAndReasons() {
        let policy = EventPolicy(cap: 0.05)
        func candidate(_ key: String, _ low: Double, _ high: Double, credit: Double) -> EventPolicy.Candidate {
            var interval = WilsonInterval(rate: 0, n: 1)
            (interval.low, interval.high) = (low, high)
            return .init(key: key, probability: (low + high) / 2, interval: interval, credit: credit, mid: 1.0, riskNeutral: 0.05)
        }
        // Loss given breach = mid / N(−d2) = 20 points.
        let ladder = [candidate("P004400", 0.01, 0.03, credit: 0.9), candidate("P004450", 0.02, 0.09, credit: 2.0),
                      candidate("P004380", 0.00, 0.02, credit: 0.1)]
        let decisions = policy.decide(ladder)
        #expect(decisions.map(\.riskTier) == ["low", "elevated", "low"])
        // Values at the upper CI: 0.9 − 0.03·20 = 0.3, 2.0 − 0.09·20 = 0.2, 0.1 − 0.02·20 = −0.3.
        #expect(decisions.map(\.ladderRank) == [1, 2, 3])
        #expect(decisions[0].status == "favorable" && decisions[0].reason == "value at CI upper 0.30 > 0")
        #expect(decisions[1].status == "blocked" && decisions[1].reason == "CI upper 0.09 > tier cap 0.05")
        #expect(decisions[2].status == "neutral" && decisions[2].reason == "value at CI upper -0.30 <= 0")
        #expect(policy.decide(ladder, blockedBy: "stale data: x").allSatisfy { $0.status == "blocked" && $0.reason == "stale data: x" })
    }
}
