import Testing
@testable import ZeroDTEPut

@Suite struct RiskNeutralTests {
    /// At the money with no time value left, N(−d2) → 1/2; far below spot → 0.
    @Test func knownValues() {
        #expect(abs(RiskNeutral.breachProbability(spot: 100, strike: 100, years: 1e-8, vol: 0.2) - 0.5) < 1e-4)
        // d2 = (ln(1/0.97) − 0.02 · 1/252) / (0.2/√252) ≈ 2.4187: N(−d2) ≈ 0.00779.
        #expect(abs(RiskNeutral.breachProbability(spot: 100, strike: 97, years: 1.0 / 252, vol: 0.2) - 0.007789) < 2e-5)
        #expect(RiskNeutral.breachProbability(spot: 100, strike: 97, years: 0, vol: 0.2).isNaN)
    }
}
