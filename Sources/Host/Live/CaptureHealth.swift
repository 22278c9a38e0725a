import Foundation
import MarketKit
import PackKit

/// The health of one symbol's capture, `capture.json`'s `health.<SYMBOL>`: what the adapter's
/// read went through (`AdapterHealth`: requests, pages, retries, reconnects, pages pending) and
/// how fresh the data was when the recording was flushed. Only adapters that report figures
/// (the vendor ones, e.g. zerodteput's `alpaca`) get an entry: a simulated or file capture has
/// no wire, and its `capture.json` stays byte-identical from run to run.
public struct CaptureHealth: Sendable, Equatable {
    /// The newest recorded bar's start, and the newest event the adapter saw (a quote, say).
    public var lastEventTime: String?
    public var lastAdapterEventTime: String?
    public var requests: Int
    public var pages: Int
    public var retries: Int
    public var reconnects: Int
    /// Pages pending when the recording was flushed.
    public var queueDepth: Int
    /// Seconds from the adapter's last answer to the flush of the recording.
    public var flushAgeSeconds: Double?
    /// Seconds from the newest bar's availability (start + the adapter's lag) to the flush, when
    /// the capture is of the session in progress; nil for a past session (its lag would only be
    /// the recording's age). The live monitor's `stream_lag_seconds` figure.
    public var streamLagSeconds: Double?

    /// The entry for a symbol whose read reported `figures` (summed when the adapter reported
    /// several reads), its bars stamped `ts`, flushed at `flushNs` (wall clock, ns UTC).
    init(figures: [AdapterHealth], ts: [Int64], lag: Int64, session: Int32, market: Market, flushNs: Int64) {
        requests = figures.map(\.requests).reduce(0, +)
        pages = figures.map(\.pages).reduce(0, +)
        retries = figures.map(\.retries).reduce(0, +)
        reconnects = figures.map(\.reconnects).reduce(0, +)
        queueDepth = figures.last?.pendingPages ?? 0
        lastEventTime = ts.last.map(Timestamps.iso)
        lastAdapterEventTime = figures.compactMap(\.lastEventNs).max().map(Timestamps.iso)
        // In doubles: a pack's figures are not trusted to keep an Int64 difference in range.
        flushAgeSeconds = figures.compactMap(\.lastResponseNs).max().map { max(0, (Double(flushNs) - Double($0)) / 1e9) }
        if let last = ts.last, market.day(flushNs) == session {
            streamLagSeconds = max(0, (Double(flushNs) - Double(last) - Double(lag)) / 1e9)
        }
    }

    public var json: JSON {
        func number(_ x: Double?) -> JSON { x.map { .rounded($0, 3) } ?? .null }
        return .object([
            "last_event_time": lastEventTime.map(JSON.string) ?? .null,
            "last_adapter_event_time": lastAdapterEventTime.map(JSON.string) ?? .null,
            "requests": .number(Double(requests)), "pages": .number(Double(pages)), "retries": .number(Double(retries)),
            "reconnects": .number(Double(reconnects)), "queue_depth": .number(Double(queueDepth)),
            "flush_age_seconds": number(flushAgeSeconds), "stream_lag_seconds": number(streamLagSeconds),
        ])
    }

    /// Reads an entry `json` wrote; nil when it is not that shape.
    public init?(json: JSON) {
        guard let requests = json["requests"]?.intValue, let pages = json["pages"]?.intValue, let retries = json["retries"]?.intValue,
              let reconnects = json["reconnects"]?.intValue, let queue = json["queue_depth"]?.intValue else { return nil }
        (self.requests, self.pages, self.retries, self.reconnects, queueDepth) = (requests, pages, retries, reconnects, queue)
        lastEventTime = json["last_event_time"]?.stringValue
        lastAdapterEventTime = json["last_adapter_event_time"]?.stringValue
        flushAgeSeconds = json["flush_age_seconds"]?.doubleValue
        streamLagSeconds = json["stream_lag_seconds"]?.doubleValue
    }
}
