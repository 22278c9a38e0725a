import Foundation
import Indicators
import Testing
@testable import ZeroDTEPut

/// The simulated ladder: its shape, and what the effects switch leaves to find.
@Suite struct SimulationTests {
    @Test func ladderRowsAreKeyedByStrikeBelowSpot() throws {
        let rows = try Fixtures.rows(start: "2024-07-01", end: "2024-07-03")
        // Three sessions (07-03 closes at 13:00), decisions every 30 minutes, every rung quoted.
        #expect(rows.count > 100 && rows.qa[0].allSatisfy { $0 == 1 })
        let r = rows.feature("x_strike_return")
        #expect(r.allSatisfy { $0 < -0.003 && $0 > -0.033 })
        for i in rows.ts.indices.dropFirst() where rows.ts[i] == rows.ts[i - 1] { #expect(rows.key[i] > rows.key[i - 1]) }
        #expect(rows.key.allSatisfy { $0.range(of: #"^P\d{6}$"#, options: .regularExpression) != nil })
    }

    /// `effects: none` prices every ladder put at one flat vol (no skew, no premium); `all` keeps
    /// the chain simulator's skew, so deeper puts carry a higher implied vol.
    @Test func effectsOffPricesFlat() throws {
        let none = try Fixtures.rows(start: "2024-07-01", end: "2024-07-02", effects: "none")
        let all = try Fixtures.rows(start: "2024-07-01", end: "2024-07-02", effects: "all")
        func spread(_ rows: BreachRows) -> Double {
            let iv = rows.feature("x_implied_vol")
            var widest = 0.0
            for i in rows.ts.indices.dropFirst() where rows.ts[i] == rows.ts[i - 1] { widest = max(widest, abs(iv[i] - iv[i - 1])) }
            return widest
        }
        #expect(spread(none) == 0)
        #expect(spread(all) > 0.01)
        #expect(none.feature("x_rn_breach").allSatisfy { $0 > 0 && $0 < 0.5 })
    }
}
