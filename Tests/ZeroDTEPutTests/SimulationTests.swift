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

    /// Mean return of selling every ladder put: positive with the premium, negative when fair.
    @Test func effectsOffLeavesNothingToSell() throws {
        let all = try Fixtures.rows(start: "2024-01-02", end: "2024-03-28", effects: "all")
        let none = try Fixtures.rows(start: "2024-01-02", end: "2024-03-28", effects: "none")
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        print("all \(mean(all.outcomeSell)) none \(mean(none.outcomeSell)) breach all \(mean(all.label.map { $0 == "BREACHED" ? 1 : 0 })) rn all \(mean(all.feature("x_rn_breach"))) breach none \(mean(none.label.map { $0 == "BREACHED" ? 1 : 0 })) rn none \(mean(none.feature("x_rn_breach")))")
        #expect(mean(all.outcomeSell) > 0)
        #expect(mean(none.outcomeSell) < 0)
    }
}
