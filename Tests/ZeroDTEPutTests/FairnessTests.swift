import Indicators
import Testing
@testable import ZeroDTEPut
import PackKit

/// The simulated option market is fair without effects: the puts' implied vol is the path's true
/// forward-looking vol, so N(−d2) is calibrated and selling puts loses its costs; the variance
/// risk premium, when planted, shows up as breaches below N(−d2) and a positive outcome.
@Suite struct FairnessTests {
    /// Half a year of sessions, decisions every 30 minutes, six rungs (fixed seed 5).
    static let fair: Result<BreachRows, any Error> = Result { try Fixtures.rows(start: "2024-01-02", end: "2024-06-28", effects: "none") }
    static let premium: Result<BreachRows, any Error> = Result { try Fixtures.rows(start: "2024-01-02", end: "2024-03-28", effects: "vrp") }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// Each put's mid is its expected payoff, so selling at the bid after fees loses the half
    /// spread and the fees: on the sample the mean after-cost outcome is at most nil within its
    /// sampling error (two standard errors, clustered by session: a session's rows share one
    /// close), and the outcome at the mid is nil within three (seed 5, 2024 H1: 2.05).
    @Test func sellingEveryPutLosesItsCostsWithoutEffects() throws {
        let rows = try Self.fair.get()
        #expect(rows.count > 1_500)
        let mid = rows.feature("x_put_mid"), credit = rows.feature("x_put_credit")
        let atMid = rows.outcomeSell.indices.map { i in rows.outcomeSell[i] + (mid[i] - credit[i]) / Double(rows.key[i].dropFirst())! }
        let (outcome, error) = Self.meanAndError(rows.outcomeSell, rows.ts.map(newYorkDate))
        let (fair, fairError) = Self.meanAndError(atMid, rows.ts.map(newYorkDate))
        #expect(outcome - 2 * error <= 0, "after costs \(outcome) ± \(error)")
        #expect(abs(fair) <= 3 * fairError, "at the mid \(fair) ± \(fairError)")
        // The costs themselves are certain: the bid is below the mid on every row.
        #expect(zip(credit, mid).allSatisfy { $0 < $1 })
    }

    /// The mean and its standard error with one cluster per session.
    static func meanAndError(_ x: [Double], _ session: [Int32]) -> (Double, Double) {
        let m = mean(x)
        var sums: [Int32: Double] = [:]
        for i in x.indices { sums[session[i], default: 0] += x[i] - m }
        return (m, (sums.values.map { $0 * $0 }.reduce(0, +)).squareRoot() / Double(x.count))
    }

    /// Ten equal-count bins of N(−d2): each bin's realised breach rate has a Wilson interval (n =
    /// sessions in the bin) that holds the bin's mean N(−d2), in at least 9 of 10 bins.
    @Test func riskNeutralBreachIsCalibratedWithoutEffects() throws {
        let rows = try Self.fair.get()
        let (covered, checked) = Self.coverage(rows)
        #expect(checked == 10)
        #expect(Double(covered) >= 0.9 * Double(checked), "\(covered) of \(checked) bins covered")
    }

    /// With the premium planted N(−d2) overstates breaches and selling earns after costs.
    @Test func plantedPremiumOverstatesBreaches() throws {
        let rows = try Self.premium.get()
        let rn = Self.mean(rows.feature("x_rn_breach")), realised = Self.mean(rows.label.map { $0 == "BREACHED" ? 1 : 0 })
        #expect(realised < 0.85 * rn, "realised \(realised) vs N(-d2) \(rn)")
        #expect(Self.mean(rows.outcomeSell) > 0)
    }

    static func coverage(_ rows: BreachRows) -> (covered: Int, checked: Int) {
        let p = rows.feature("x_rn_breach"), breached = rows.label.map { $0 == "BREACHED" }, session = rows.ts.map(newYorkDate)
        let calibration = EventCalibration(probability: p, happened: breached, session: session)
        var covered = 0
        for bin in calibration.bins {
            let members = p.indices.filter { calibration.bin(for: p[$0]) == bin }
            if bin.interval.contains(mean(members.map { p[$0] })) { covered += 1 }
        }
        return (covered, calibration.bins.count)
    }
}
