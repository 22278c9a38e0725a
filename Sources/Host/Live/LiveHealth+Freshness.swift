import PackKit

extension LiveHealth {
    /// The health of a replay of `recording`'s `symbol`, carrying the capture's own figures
    /// (`CaptureHealth`) when the recording has them.
    init(symbol: String, recording: Recording) {
        self.init(symbol: symbol)
        capture = recording.health[symbol]
    }

    /// The stream's state at `clock` (the cycle before ran at `previous`, nil for the first):
    /// the data's age, the delivery lag of the bars delivered since, and why the data is stale.
    /// The loop and a replay of one of its rows judge alike.
    mutating func observe(_ feed: ReplayFeed, clock: Int64, previous: Int64?, staleAfter: Int64) {
        let fresh = feed.freshness(at: clock)
        freshness = fresh
        // A replay cannot hand data over sooner than the capture got it: the lag the capture
        // measured (newest bar's availability → flush) is a floor under the replay's own.
        streamLag = max(feed.lag(after: previous, upTo: clock), capture?.streamLagSeconds ?? 0)
        missingBars = feed.missing(at: clock)
        let dataStale = fresh.map { $0 > Double(staleAfter) / 1e9 } ?? true
        staleReason = dataStale ? "data \(fresh.map { String(format: "%.0f s", $0) } ?? "absent") old at \(Timestamps.iso(clock)) (stale after \(staleAfter / 1_000_000_000) s)" : nil
    }

    /// The capture's figures and the bars missing at the clock, as `live_state.json`'s `health`
    /// shows them (none for a sim or file recording, whose state keeps its fields as before).
    var recordingFields: [String: JSON] {
        let missing: [String: JSON] = missingBars.isEmpty ? [:] : ["bars_missing": .strings(missingBars.map(Timestamps.iso))]
        guard let capture else { return missing }
        return missing.merging([
            "capture_stream_lag_seconds": capture.streamLagSeconds.map { .rounded($0, 3) } ?? .null,
            "capture_reconnects": .number(Double(capture.reconnects)), "capture_retries": .number(Double(capture.retries)),
            "capture_queue_depth": .number(Double(capture.queueDepth)),
            "capture_flush_age_seconds": capture.flushAgeSeconds.map { .rounded($0, 3) } ?? .null,
            "capture_last_event_time": capture.lastEventTime.map(JSON.string) ?? .null,
        ]) { a, _ in a }
    }
}
