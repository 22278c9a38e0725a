import Foundation
import PackKit

/// The recorded-data clock: which bars of a recording the stream has delivered at a simulated
/// instant. A bar stamped t becomes available at t + the adapter's lag and is delivered then,
/// except during an injected pause: bars that become available in [pause, pause + length) are
/// delivered together at its end, as a poller that reconnects gets its backlog. Delivery times
/// never decrease along the bars, so the bars known at any instant are a prefix of the recording.
public struct ReplayFeed: Sendable {
    public let bars: Frame
    /// Per bar: when its data exists, and when the stream hands it over.
    let available: [Int64]
    let delivered: [Int64]
    /// The first cycle (the session's first bar) and the last delivery.
    public let start: Int64
    public let end: Int64

    public init(bars: Frame, lag: Int64, session: Int32, market day: (Int64) -> Int32, pauseAt: Int64?, pauseFor: Int64) throws {
        let ts = try bars.timestamps()
        guard let first = (0..<ts.count).first(where: { day(ts[$0]) == session }) else {
            throw WorkspaceError("the recording has no bar on its session \(Timestamps.date(session))")
        }
        self.bars = bars
        available = (0..<ts.count).map { ts[$0] + lag }
        delivered = available.map { a in
            guard let pauseAt, pauseFor > 0, a >= pauseAt, a < pauseAt + pauseFor else { return a }
            return pauseAt + pauseFor
        }
        start = ts[first]
        end = delivered.last ?? ts[first]
    }

    /// How many bars (a prefix) the stream has delivered by `clock`.
    public func count(at clock: Int64) -> Int {
        var lo = 0, hi = delivered.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if delivered[mid] <= clock { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Seconds since the newest delivered bar's data became available (nil before any bar).
    public func freshness(at clock: Int64, count n: Int) -> Double? {
        n > 0 ? Double(clock - available[n - 1]) / 1e9 : nil
    }

    /// The longest delay, in seconds, with which the bars `range` were delivered after their data existed.
    public func lag(_ range: Range<Int>) -> Double {
        range.map { Double(delivered[$0] - available[$0]) / 1e9 }.max() ?? 0
    }
}
