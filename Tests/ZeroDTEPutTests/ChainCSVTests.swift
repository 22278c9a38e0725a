import Foundation
import PackKit
import Testing
@testable import ZeroDTEPut

/// The risk-neutral breach probability against the vendor's greeks on the real SPXW file.
@Suite struct ChainCSVTests {
    /// N(−d2) from the vendor's implied vol ranks the puts like the vendor's |delta|
    /// (6,844 put rows with at least a day to expiry; Spearman 0.987).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.spxwChains)))
    func riskNeutralBreachRanksLikeVendorDelta() throws {
        let frame = try Fixtures.run(chainCSVAdapter, ["source": .string(Fixtures.spxwChains), "start": .string("2018-01-01"), "end": .string("2018-12-31")])
        let years = try frame.float64("years"), rn = try frame.float64("rn_breach"), delta = try frame.float64("delta")
        #expect(try frame.utf8("right").allSatisfy { $0 == "P" })
        let rows = (0..<frame.rowCount).filter { years[$0] >= 1.0 / 365 - 1e-9 && rn[$0].isFinite && delta[$0].isFinite }
        #expect(rows.count == 6844)
        let rho = Fixtures.spearman(rows.map { rn[$0] }, rows.map { abs(delta[$0]) })
        #expect(rho >= 0.95, "Spearman \(rho)")
        #expect(rho > 0.98 && rho < 0.99, "Spearman \(rho)")
    }

    @Test func sourceIsRequired() {
        #expect(throws: ComponentError.self) { try Fixtures.run(chainCSVAdapter, ["start": .string("2018-01-01"), "end": .string("2018-12-31")]) }
    }
}
