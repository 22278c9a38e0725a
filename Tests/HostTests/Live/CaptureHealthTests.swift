import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// `capture.json`'s health entries: the figures a vendor adapter reports (`AdapterHealth`,
/// through the log service) summed per symbol, flush age, and the stream lag of a session in progress only.
@Suite struct CaptureHealthTests {
    /// 2024-07-01T13:30:00Z (09:30 New York).
    static let open: Int64 = 1_719_840_600_000_000_000
    static let minute: Int64 = 60_000_000_000
    static let session = MarketDate.parse("2024-07-01")!

    static func figures(_ requests: Int, retries: Int, response: Int64, event: Int64) -> AdapterHealth {
        var h = AdapterHealth()
        (h.requests, h.pages, h.retries, h.reconnects, h.lastResponseNs, h.lastEventNs) = (requests, requests - retries, retries, 1, response, event)
        return h
    }

    @Test func aLiveCaptureHasAStreamLagAndAPastOneDoesNot() throws {
        let ts = (0..<10).map { Self.open + Int64($0) * Self.minute }
        let reads = [Self.figures(3, retries: 1, response: ts[9] + 70_000_000_000, event: ts[9]),
                     Self.figures(2, retries: 0, response: ts[9] + 80_000_000_000, event: ts[9] + 65_000_000_000)]
        // Flushed 90 s after the last bar's start: its data existed from start + 60 s, so the stream is 30 s behind.
        let live = CaptureHealth(figures: reads, ts: ts, lag: Self.minute, session: Self.session, market: .nyse, flushNs: ts[9] + 90_000_000_000)
        #expect(live.requests == 5 && live.pages == 4 && live.retries == 1 && live.reconnects == 2 && live.queueDepth == 0)
        #expect(live.streamLagSeconds == 30 && live.flushAgeSeconds == 10)
        #expect(live.lastEventTime == "2024-07-01T13:39:00Z" && live.lastAdapterEventTime == "2024-07-01T13:40:05Z")
        // The same capture flushed the next day: no stream lag (it would be the recording's age).
        let past = CaptureHealth(figures: reads, ts: ts, lag: Self.minute, session: Self.session, market: .nyse, flushNs: ts[9] + 86_400_000_000_000)
        #expect(past.streamLagSeconds == nil)
        // Round trip through capture.json.
        #expect(CaptureHealth(json: try JSON.parse(live.json.text)) == live)
        #expect(CaptureHealth(json: try JSON.parse(past.json.text)) == past)
        #expect(CaptureHealth(json: .object(["requests": .number(1)])) == nil)
    }

    @Test func healthLinesFromPacksAreCapturedNotLogged() throws {
        var h = AdapterHealth()
        (h.requests, h.pages, h.pendingPages, h.lastResponseNs) = (4, 3, 1, 1_719_840_600_123_456_000)
        let (value, reported) = Log.capturingAdapterHealth { () -> Int in
            Log.write(.info, AdapterHealth.logPrefix + h.json.text, source: "pack zerodteput")
            // Only a pack's lines count: the host's own text is never taken for figures.
            Log.write(.info, AdapterHealth.logPrefix + h.json.text, source: "edgehost")
            return 7
        }
        #expect(value == 7 && reported.count == 1)
        #expect(reported.first?.requests == 4 && reported.first?.pendingPages == 1)
        // Nanoseconds cross as a JSON double: kept to well under a microsecond.
        #expect(abs((reported.first?.lastResponseNs ?? 0) - 1_719_840_600_123_456_000) < 1_000)
    }
}
