import Testing
@testable import ZeroDTEPut

@Suite struct RiskNeutralTests {
    /// At the money with no time value left, N(−d2) → 1/2; far below spot → 0.
    @Test func knownValues() {
        #expect(abs(RiskNeutral.breachProbability(spot: 100, strike: 100, years: 1e-8, vol: 0.2) - 0.5) < 1e-4)
        // d2 = (ln(100/97) − 0.02/252) / (0.2/√252) = 2.411325: N(−d2) = 0.0079473.
        #expect(abs(RiskNeutral.breachProbability(spot: 100, strike: 97, years: 1.0 / 252, vol: 0.2) - 0.0079473) < 1e-7)
        #expect(RiskNeutral.breachProbability(spot: 100, strike: 97, years: 0, vol: 0.2).isNaN)
    }
}
