@testable import Host
import PackKit
import Testing

/// `EventCoverage`: other predictions fall in calibration bins as a live row's do, and each
/// bin's realised rate is checked against its interval (known answers).
@Suite struct EventCoverageTests {
    /// Two bins: [0.01, 0.02] with 1 event in 10 rows over sessions 1-5 (2 rows each, so 5
    /// effective sessions); [0.2, 0.3] with 5 events in 10 rows, one row per session.
    static let calibration = EventCalibration(bins: [
        .init(lower: 0.01, upper: 0.02, rows: 10, events: 1, sessions: 5, effectiveSessions: 5),
        .init(lower: 0.2, upper: 0.3, rows: 10, events: 5, sessions: 10, effectiveSessions: 10),
    ])

    @Test func binsRatesAndKOfFreshPredictions() {
        // Bin 1: p ≤ 0.02 (0.005 below its lower bound falls in it too), 20 rows over 20
        // sessions, 2 events: rate 0.1, k = 5 / 20. Bin 2: above 0.02 (0.9 beyond its upper bound
        // falls in the last bin), 40 rows of sessions 100-103 (10 each: 4 effective), 40 events: rate 1.
        var p = [Double](repeating: 0.015, count: 19) + [0.005], happened = [Bool](repeating: false, count: 20)
        happened[3] = true
        happened[7] = true
        var session = (0..<20).map { Int32($0) }
        p += [Double](repeating: 0.25, count: 39) + [0.9]
        happened += [Bool](repeating: true, count: 40)
        session += (0..<40).map { Int32(100 + $0 / 10) }
        let c = EventCoverage(calibration: Self.calibration, probability: p + [.nan], happened: happened + [true], session: session + [7])
        #expect(c.bins.map(\.rows) == [20, 40] && c.bins.map(\.events) == [2, 40] && c.bins.map(\.sessions) == [20, 4])
        #expect(c.bins.map(\.effectiveSessions) == [20, 4])
        #expect(c.bins.map(\.rate) == [0.1, 1])
        #expect(c.bins.map(\.k) == [0.25, 2.5])
        // Wilson(0.1, n = 5) = [0.0105, 0.5371] holds 0.1; Wilson(0.5, n = 10) = [0.2366, 0.7634] does not hold 1.
        #expect(c.bins.map(\.covered) == [true, false] && c.covered == 1 && c.checked == 2 && c.largestK == 2.5)
        // 2Φ(1.96/√1.25) − 1 = 0.920411 and 2Φ(1.96/√3.5) − 1 = 0.705207.
        #expect(abs(c.bins[0].expected - 0.920411) < 1e-6 && abs(c.bins[1].expected - 0.705207) < 1e-6, "\(c.bins.map(\.expected))")
    }

    /// A bin no prediction falls in is not checked and covers nothing.
    @Test func emptyBinIsNotChecked() {
        let c = EventCoverage(calibration: Self.calibration, probability: [0.01, 0.02], happened: [true, false], session: [1, 2])
        #expect(c.bins.map(\.rows) == [2, 0] && c.checked == 1 && c.covered == 1 && c.largestK == 2.5)
        guard case .array(let bins)? = c.json["per_bin"] else { Issue.record("no per_bin"); return }
        #expect(bins[1]["rate"] == .null && bins[1]["covered"] == .bool(false))
    }

    /// Kish's effective number of sessions, the one formula the calibration bins use too.
    @Test func effectiveSessions() {
        #expect(EventCalibration.sessions([1, 1, 1, 2]) == (2, 16.0 / 10))
        #expect(EventCalibration.sessions([]) == (0, 0))
    }
}
