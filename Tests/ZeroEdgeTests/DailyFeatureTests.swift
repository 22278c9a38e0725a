import PackKit
import Testing
@testable import ZeroEdge

/// The daily z-scores (open_gap_z, first15m_range_z) on sessions with hand-picked gaps and
/// opening ranges, period 2.
@Suite struct DailyFeatureTests {
    let nan = Double.nan
    let period: [String: JSON] = ["period": .number(2)]

    /// Two bars per session: the open of the first, the close of the last.
    private func gapSessions(_ days: [(String, open: Double, close: Double)]) -> MarketFrames {
        var f = MarketFrames()
        for (date, open, close) in days {
            f.add(date, 9, 30, open: open, high: max(open, close), low: min(open, close), close: (open + close) / 2)
            f.add(date, 9, 31, open: (open + close) / 2, high: max(open, close), low: min(open, close), close: close)
        }
        return f
    }

    /// Gaps 0.01, −0.01, 0.005, 0.02 after the first session.
    @Test func openGapZScoresAgainstThePreviousGaps() throws {
        let f = gapSessions([("2024-03-07", 99, 100), ("2024-03-08", 101, 100), ("2024-03-11", 99, 100),
                             ("2024-03-12", 100.5, 100), ("2024-03-13", 102, 101)])
        let z = try MarketFrames.run(MarketFrames.indicator("open_gap_z"), f.frame(), period)
        // Day 4: (0.005 − 0) / 0.01; day 5: window (−0.01, 0.005), mean −0.0025, deviation 0.0075.
        #expect(MarketFrames.approximatelyEqual(z, [nan, nan, nan, nan, nan, nan, 0.5, 0.5, 3, 3]))
    }

    @Test func openGapZNeedsPeriodGapsWithTheDefaultToo() throws {
        let days = (0..<22).map { k in
            ("2024-07-\(k < 9 ? "0" : "")\(k + 1)", open: 100 + Double(k % 3), close: 100.0)
        }
        let z = try MarketFrames.run(MarketFrames.indicator("open_gap_z"), gapSessions(days).frame())
        // 22 sessions hold 21 gaps: only the last session has 20 earlier ones.
        #expect(z[0..<42].allSatisfy { $0.isNaN })
        #expect(z[42].isFinite && z[43] == z[42])
    }

    /// 1-minute bars starting 09:30 + each of `minutes`, opening at `firstOpen` then at 100.25,
    /// with the given high and low; a 09:45 bar far outside them must not count.
    private func openingSession(_ f: inout MarketFrames, _ date: String, minutes: [Int], firstOpen: Double = 100,
                                high: Double, low: Double) {
        for (k, m) in minutes.enumerated() {
            let spike = m >= 15
            f.add(date, 9, 30 + m, open: k == 0 ? firstOpen : 100.25, high: spike ? 110 : high,
                  low: spike ? 90 : low, close: 100.25)
        }
    }

    /// Ranges 0.01, 0.03, then 0.04 (z 2), then 0.025 from a session missing its 09:30 bar
    /// (z (0.025 − 0.035) / 0.005 = −2), then 0.04 in a session missing its 09:44 bar
    /// (window 0.04, 0.025: z (0.04 − 0.0325) / 0.0075 = 1).
    @Test func first15mRangeZIsMaskedUntil0945AndUsesTheBarsPresent() throws {
        var f = MarketFrames()
        let all = Array(0...16)
        openingSession(&f, "2024-03-07", minutes: all, high: 100.5, low: 99.5)
        openingSession(&f, "2024-03-08", minutes: all, high: 101.5, low: 98.5)
        openingSession(&f, "2024-03-11", minutes: all, high: 102, low: 98)
        openingSession(&f, "2024-03-12", minutes: Array(1...16), firstOpen: 80, high: 101, low: 99)
        openingSession(&f, "2024-03-13", minutes: all.filter { $0 != 14 }, high: 102, low: 98)
        let z = try MarketFrames.run(MarketFrames.indicator("first15m_range_z"), f.frame(), period)
        let masked = [Double](repeating: nan, count: 14)
        let expected = [Double](repeating: nan, count: 34)
            + masked + [2, 2, 2]
            + masked.dropFirst() + [-2, -2, -2]
            + masked + [1, 1]
        // Session 4's range is (101 − 99) / 80 = 0.025: its first bar present opens at 80.
        #expect(MarketFrames.approximatelyEqual(z, expected))
    }

    @Test func first15mRangeZNeedsPeriodEarlierSessions() throws {
        var f = MarketFrames()
        for (k, date) in ["2024-07-01", "2024-07-02", "2024-07-03"].enumerated() {
            openingSession(&f, date, minutes: Array(0...15), high: 100.5 + Double(k), low: 99.5)
        }
        let z = try MarketFrames.run(MarketFrames.indicator("first15m_range_z"), f.frame(), ["period": .number(3)])
        #expect(z.allSatisfy { $0.isNaN })
    }
}
