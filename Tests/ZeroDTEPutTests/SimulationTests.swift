import Foundation
import Indicators
import Testing
@testable import ZeroDTEPut

/// The simulated ladder: its shape, and what the effects switch leaves to find.
@Suite struct SimulationTests {
    @Test func ladderRowsAreKeyedByStrikeBelowSpot() throws {
        let rows = try Fixtures.rows(start: "2024-07-01", end: "2024-07-03")
        // Three sessions (07-03 closes at 13:00), decisions every 30 minutes, every rung quoted;
        // a fair market quotes far puts late in the day below the fees: no row for them.
        #expect(rows.count > 40 && rows.qa[0].allSatisfy { $0 == 1 })
        let r = rows.feature("x_strike_return")
        #expect(r.allSatisfy { $0 < -0.003 && $0 > -0.033 })
        for i in rows.ts.indices.dropFirst() where rows.ts[i] == rows.ts[i - 1] { #expect(rows.key[i] > rows.key[i - 1]) }
        #expect(rows.key.allSatisfy { $0.range(of: #"^P\d{6}$"#, options: .regularExpression) != nil })
    }

    /// The fair market quotes every ladder put at one flat vol (the path's own) and the premium
    /// lifts it by √(1 + vrp) on the same path.
    @Test func premiumLiftsTheFlatVol() throws {
        let none = try Fixtures.rows(start: "2024-07-01", end: "2024-07-02", effects: "none")
        let vrp = try Fixtures.rows(start: "2024-07-01", end: "2024-07-02", effects: "vrp")
        let flat = none.feature("x_implied_vol"), lifted = vrp.feature("x_implied_vol")
        for i in none.ts.indices.dropFirst() where none.ts[i] == none.ts[i - 1] { #expect(flat[i] == flat[i - 1]) }
        // Same path, same instants: the ATM vol of each instant is lifted by exactly √1.15.
        let atm = Dictionary(zip(none.ts, none.feature("x_atm_iv")), uniquingKeysWith: { a, _ in a })
        let liftedATM = Dictionary(zip(vrp.ts, vrp.feature("x_atm_iv")), uniquingKeysWith: { a, _ in a })
        // (The lifted vol makes more far puts worth selling: its instants include the fair ones.)
        #expect(atm.count > 15 && atm.allSatisfy { t, v in liftedATM[t].map { abs($0 / v - 1.15.squareRoot()) < 1e-12 } ?? false })
        #expect(zip(flat, none.feature("x_atm_iv")).allSatisfy { $0 == $1 } && lifted.count == vrp.count)
        #expect(none.feature("x_rn_breach").allSatisfy { $0 > 0 && $0 < 0.5 })
    }
}
