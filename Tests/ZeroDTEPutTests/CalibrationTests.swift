import Indicators
import Testing
@testable import ZeroDTEPut

/// The breach intervals cover, on a fixed-seed simulation: bins and Wilson intervals from one
/// half of the sessions (the calibration), realised breach rates from the other half.
@Suite struct CalibrationTests {
    static let rows: Result<BreachRows, any Error> = Result { try Fixtures.rows(start: "2024-01-02", end: "2024-03-28") }

    @Test func intervalsCoverTheRealisedBreachRate() throws {
        let rows = try Self.rows.get()
        let p = rows.feature("x_rn_breach"), breached = rows.label.map { $0 == "BREACHED" }
        let session = rows.ts.map(newYorkDate)
        let calibrationRows = rows.ts.indices.filter { session[$0] % 2 == 0 }, heldOut = rows.ts.indices.filter { session[$0] % 2 != 0 }
        let calibration = BreachCalibration(probability: calibrationRows.map { p[$0] }, breached: calibrationRows.map { breached[$0] },
                                            session: calibrationRows.map { session[$0] })
        #expect(calibration.bins.count == 10)
        var covered = 0, checked = 0
        for bin in calibration.bins {
            let members = heldOut.filter { calibration.bin(for: p[$0]) == bin }
            guard !members.isEmpty else { continue }
            let rate = Double(members.filter { breached[$0] }.count) / Double(members.count)
            checked += 1
            if bin.interval.contains(rate) { covered += 1 }
        }
        #expect(checked == 10)
        #expect(Double(covered) >= 0.9 * Double(checked), "\(covered) of \(checked) bins covered")
    }
}
