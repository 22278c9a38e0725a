#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MarketKit
import PackKit
import Testing
@testable import ZeroEdge

/// Every feature and the labeler on a year of real SPY minute bars (regular session, no chain
/// snapshot): the host's prefix cuts, value ranges, and values known from the file's first rows.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: SPYMinuteFile.path),
                "needs ../shared/data/spy/SPY_1m_2024.csv beside the repository"))
struct SPYFeatureTests {
    static func frame() throws -> Frame {
        try MarketFrame.attach([], to: RegularSession.filter(MinuteBarsFile.read(path: SPYMinuteFile.path)).bars)
    }

    /// The first session's index of each row.
    static func sessions(_ ts: Int64Column) -> [Int] {
        var tracker = SessionTracker(), index = -1
        return ts.map { t in
            if tracker.startsSession(t) { index += 1 }
            return index
        }
    }

    @Test func everyFeatureIsCausalOnAYearOfBars() throws {
        let frame = try Self.frame()
        let n = frame.rowCount
        // The host's cuts: five spread over the data, and the last row.
        let cuts = (1...5).map { n * $0 / 6 } + [n - 1]
        for indicator in ZeroEdge.indicators {
            let full = try MarketFrames.run(indicator, frame)
            #expect(!full.contains { $0.isInfinite }, "\(indicator.info.id) returned Inf")
            for cut in cuts {
                let part = try MarketFrames.run(indicator, frame.prefix(rows: cut))
                let changed = (0..<cut).first { !CausalFeatureTests.sameBits(part[$0], full[$0]) }
                #expect(changed == nil, "\(indicator.info.id): row \(changed ?? 0) changed when cut at \(cut)")
            }
        }
    }

    @Test func valuesMatchTheFileAndTheCalendar() throws {
        let frame = try Self.frame()
        let ts = try frame.timestamps()
        let session = Self.sessions(ts)
        func run(_ id: String) throws -> [Double] { try MarketFrames.run(MarketFrames.indicator(id), frame) }
        // 2024-03-26 13:30Z: open 521.23, high 521.26, low 520.92, close 521.01.
        #expect(ts[0] == MarketFrames.instant("2024-03-26", 9, 30))
        let drift = try run("drift_since_open"), vwap = try run("vwap_distance")
        #expect(abs(drift[0] - (521.01 / 521.23 - 1)) < 1e-15)
        #expect(abs(vwap[0] - (521.01 / ((521.26 + 520.92 + 521.01) / 3) - 1)) < 1e-15)
        let minutes = try run("minutes_since_open"), hours = try run("hour_of_day")
        #expect(minutes.min() == 0 && minutes.max() == 389 && hours.min() == 9 && hours.max() == 16)
        // Finite exactly from the 22nd session (open gap) and from 09:44 of the 21st (range).
        let gap = try run("open_gap_z"), range = try run("first15m_range_z")
        let expectedGap = session.map { $0 >= 21 }
        let expectedRange = (0..<ts.count).map { session[$0] >= 20 && minutes[$0] >= 14 }
        #expect(gap.map(\.isFinite) == expectedGap)
        #expect(range.map(\.isFinite) == expectedRange)
        // Without a chain, every chain feature is NaN.
        for id in ["pin_distance", "atm_distance", "atm_iv_open_delta", "gamma_density_peak_strike", "gamma_skew_left_right"] {
            let values = try run(id)
            #expect(values.allSatisfy { $0.isNaN }, "\(id)")
        }
    }

    @Test func theLabelerDecidesHourlyOnEverySession() throws {
        let frame = try Self.frame()
        let labeler = ZeroEdge.labelers[0]
        let out = try labeler.label(frame, MarketFrames.params(labeler.info))
        let sessions = Set(Self.sessions(try frame.timestamps())).count
        let (ts, end) = (try out.timestamps(), try out.timestamps("label_end_ts"))
        let labels = try out.utf8("label")
        #expect(out.rowCount > 5 * sessions && out.rowCount <= 6 * sessions)
        #expect((0..<out.rowCount).allSatisfy { end[$0] > ts[$0] && ($0 == 0 || ts[$0] > ts[$0 - 1]) })
        #expect(Set(labels) == ["UP", "DOWN", "FLAT"])
    }
}

/// `<repo>/../shared/data/spy/SPY_1m_2024.csv`.
enum SPYMinuteFile {
    static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // ZeroEdgeTests, Tests, repo
        return url.deletingLastPathComponent().path + "/shared/data/spy/SPY_1m_2024.csv"
    }()
}
