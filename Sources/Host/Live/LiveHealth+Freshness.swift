import PackKit

extension LiveHealth {
    /// The stream's state at `clock` with `count` bars delivered (`delivered` at the cycle
    /// before): the data's age, the delivery lag of the new bars, and why the data is stale.
    /// The loop and a replay of one of its rows judge alike.
    mutating func observe(_ feed: ReplayFeed, clock: Int64, delivered: Int, count n: Int, staleAfter: Int64) {
        let fresh = feed.freshness(at: clock, count: n)
        freshness = fresh
        streamLag = feed.lag(delivered..<n)
        let dataStale = fresh.map { $0 > Double(staleAfter) / 1e9 } ?? true
        staleReason = dataStale ? "data \(fresh.map { String(format: "%.0f s", $0) } ?? "absent") old at \(Timestamps.iso(clock)) (stale after \(staleAfter / 1_000_000_000) s)" : nil
    }
}
