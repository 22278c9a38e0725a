import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// `LivePoller`, the loop's own capture when it polls the adapter: a bar the adapter answers a
/// cycle late is recorded with the cycle that delivered it, so a replay of the recording knows
/// at each clock what the loop knew; a bar once seen keeps its first values.
@Suite struct LivePollerTests {
    @Test func aLateBarIsRecordedWithItsCycleAndASeenBarKeepsItsFirstValues() throws {
        let (plan, bars) = try LabelerTailTests.zerodteput.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-poll-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let poller = try LivePoller(plan: plan, symbol: "SPX", session: LabelerTailTests.session, folder: folder)
        let ts = try bars.timestamps()
        func at(_ text: String) -> Int64 { Timestamps.parseInstant(text)! }
        let withheld = at("2024-07-01T13:40:00Z"), revised = at("2024-07-01T13:35:00Z")
        let lag = poller.lag
        var clock = poller.firstDue
        // The adapter: the 13:40 bar missing until 13:50; from 13:50 on, the 13:35 bar's close revised.
        poller.reader = {
            var rows = Array(0..<ts.count)
            if clock < at("2024-07-01T13:50:00Z") { rows.removeAll { ts[$0] == withheld } }
            let frame = bars.rows(at: rows)
            guard clock >= at("2024-07-01T13:50:00Z") else { return frame }
            let close = try frame.float64("close"), stamps = try frame.timestamps()
            let changed = Column("close", .float64(NumericColumn((0..<frame.rowCount).map { stamps[$0] == revised ? close[$0] + 1 : close[$0] })))
            return try Frame(frame.columns.map { $0.name == "close" ? changed : $0 })
        }
        for c in ["2024-07-01T13:31:00Z", "2024-07-01T13:45:00Z", "2024-07-01T13:50:00Z"] {
            clock = at(c)
            _ = try poller.poll(at: clock)
        }
        let recording = try Recording(folder: folder)
        #expect(recording.lateBars["SPX"] == [withheld: at("2024-07-01T13:50:00Z")])
        let recorded = try recording.bars("SPX")
        // Exactly the bars due by 13:50, in order, with the 13:35 bar as first seen.
        let expected = bars.prefix(rows: ts.filter { $0 + lag <= at("2024-07-01T13:50:00Z") }.count)
        #expect(RecordedBars.csv(recorded) == RecordedBars.csv(expected))
        // A replay of the recording knows at each clock what the loop knew.
        let feed = try ReplayFeed(bars: recorded, lag: lag, session: recording.session, market: plan.market().day, pauseAt: nil, pauseFor: 0,
                                  lateBars: recording.lateBars["SPX"] ?? [:])
        #expect(try !feed.known(at: at("2024-07-01T13:45:00Z")).timestamps().contains(withheld))
        #expect(try feed.known(at: at("2024-07-01T13:50:00Z")).timestamps().contains(withheld))
        #expect(feed.missing(at: at("2024-07-01T13:45:00Z")) == [withheld])
    }
}
