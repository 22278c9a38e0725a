import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// The recorded-data clock with a late bar (`capture.json` `late_bars`): the bars known at an
/// instant are the recording less the late bar until it arrives, its delivery shows in the lag,
/// the capture's own lag is a floor under the monitor's, and a bar that is not late or not
/// recorded is refused, naming it.
@Suite struct ReplayFeedTests {
    static let open: Int64 = 1_719_840_600_000_000_000
    static let minute: Int64 = 60_000_000_000

    /// Ten one-minute bars from 13:30Z, close = index; each known a minute after its start.
    static func feed(late: [Int64: Int64] = [:], pause: Int64? = nil) throws -> ReplayFeed {
        let ts = (0..<10).map { open + Int64($0) * minute }
        let bars = try Frame([.timestamp("ts", ts), .float64("close", (0..<10).map(Double.init))])
        return try ReplayFeed(bars: bars, lag: minute, session: Market.nyse.day(open), market: Market.nyse.day, pauseAt: pause,
                              pauseFor: pause == nil ? 0 : 3 * minute, lateBars: late)
    }

    @Test func aLateBarLeavesAGapUntilItArrives() throws {
        // Bar 3 (13:33, known 13:34) arrives at 13:38.
        let feed = try Self.feed(late: [Self.open + 3 * Self.minute: Self.open + 8 * Self.minute])
        let at = { (m: Int64) in Self.open + m * Self.minute }
        #expect(try feed.known(at: at(6)).float64("close").map { $0 } == [0, 1, 2, 4, 5])
        #expect(feed.count(at: at(6)) == 5 && feed.freshness(at: at(6)) == 0)
        #expect(feed.missing(at: at(6)) == [Self.open + 3 * Self.minute] && feed.missing(at: at(8)).isEmpty)
        #expect(try feed.known(at: at(8)).float64("close").map { $0 } == [0, 1, 2, 3, 4, 5, 6, 7])
        // The cycle at 13:38 gets bar 3 four minutes late; the one before got nothing late.
        #expect(feed.lag(after: at(7), upTo: at(8)) == 240 && feed.lag(after: at(6), upTo: at(7)) == 0)
        #expect(feed.lag(after: nil, upTo: at(6)) == 0 && feed.end == at(10))
        // live_state.json's health names the gap while it lasts.
        var health = LiveHealth(symbol: "SPX")
        health.observe(feed, clock: at(6), previous: at(5), staleAfter: 30_000_000_000)
        #expect(health.recordingFields == ["bars_missing": .strings(["2024-07-01T13:33:00Z"])])
        health.observe(feed, clock: at(8), previous: at(7), staleAfter: 30_000_000_000)
        #expect(health.recordingFields.isEmpty && health.streamLag == 240)
    }

    @Test func withoutLateBarsTheKnownBarsAreAPrefix() throws {
        let feed = try Self.feed(pause: Self.open + 4 * Self.minute)
        let at = { (m: Int64) in Self.open + m * Self.minute }
        // The pause holds bars 3, 4 and 5 (known 13:34–13:36) until 13:37.
        #expect(feed.count(at: at(6)) == 3 && feed.count(at: at(7)) == 7)
        #expect(try feed.known(at: at(7)).float64("close").map { $0 } == [0, 1, 2, 3, 4, 5, 6])
        #expect(feed.lag(after: at(6), upTo: at(7)) == 180)
    }

    @Test func theCapturesLagIsAFloor() throws {
        let feed = try Self.feed()
        var health = LiveHealth(symbol: "SPX")
        health.observe(feed, clock: Self.open + 5 * Self.minute, previous: nil, staleAfter: 30_000_000_000)
        #expect(health.streamLag == 0)
        health.capture = CaptureHealth(json: .object(["requests": .number(1), "pages": .number(1), "retries": .number(0), "reconnects": .number(2),
                                                      "queue_depth": .number(3), "stream_lag_seconds": .number(12.5)]))
        health.observe(feed, clock: Self.open + 5 * Self.minute, previous: nil, staleAfter: 30_000_000_000)
        #expect(health.streamLag == 12.5 && health.recordingFields["capture_reconnects"] == .number(2))
    }

    @Test func aBarNotLateOrNotRecordedIsRefused() throws {
        #expect(throws: WorkspaceError.self) { try Self.feed(late: [Self.open + 3 * Self.minute: Self.open + 4 * Self.minute]) }
        do {
            _ = try Self.feed(late: [Self.open + 90 * Self.minute: Self.open + 95 * Self.minute])
            Issue.record("an unrecorded bar was accepted")
        } catch {
            #expect("\(error)".contains("no recorded bar starts at 2024-07-01T15:00:00Z"), "\(error)")
        }
    }
}
