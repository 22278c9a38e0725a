import Foundation
import PackKit

/// The recorded-data clock: which bars of a recording the stream has delivered at a simulated
/// instant. A bar stamped t becomes available at t + the adapter's lag and is delivered then,
/// except during an injected pause: bars that become available in [pause, pause + length) are
/// delivered together at its end, as a poller that reconnects gets its backlog. A bar the
/// recording says arrived late (`Recording.lateBars`) is delivered at that instant instead, and
/// the bars after it are not held back: until it arrives the known bars are the recording less
/// it (a gap), as a stream that loses a message and gets it again later.
public struct ReplayFeed: Sendable {
    public let bars: Frame
    /// Per bar: when its data exists, when the stream would hand it over on time (never
    /// decreasing along the bars), and when it does (later for a late bar).
    let available: [Int64]
    let schedule: [Int64]
    let delivered: [Int64]
    /// The bars delivered late (indices, ascending), for the gaps they leave until then.
    let late: [Int]
    /// The first cycle (the session's first bar) and the last delivery.
    public let start: Int64
    public let end: Int64

    public init(bars: Frame, lag: Int64, session: Int32, market day: (Int64) -> Int32, pauseAt: Int64?, pauseFor: Int64,
                lateBars: [Int64: Int64] = [:]) throws {
        let ts = try bars.timestamps()
        guard let first = (0..<ts.count).first(where: { day(ts[$0]) == session }) else {
            throw WorkspaceError("the recording has no bar on its session \(Timestamps.date(session))")
        }
        self.bars = bars
        available = (0..<ts.count).map { ts[$0] + lag }
        schedule = available.map { a in
            guard let pauseAt, pauseFor > 0, a >= pauseAt, a < pauseAt + pauseFor else { return a }
            return pauseAt + pauseFor
        }
        var delivered = schedule, late: [Int] = []
        for (bar, at) in lateBars.sorted(by: { $0.key < $1.key }) {
            guard let i = (0..<ts.count).first(where: { ts[$0] == bar }) else {
                throw WorkspaceError("capture.json late_bars: no recorded bar starts at \(Timestamps.iso(bar))")
            }
            guard at > schedule[i] else {
                throw WorkspaceError("capture.json late_bars: the bar \(Timestamps.iso(bar)) delivered at \(Timestamps.iso(at)) is not late (on time it is delivered at \(Timestamps.iso(schedule[i])))")
            }
            delivered[i] = at
            late.append(i)
        }
        self.delivered = delivered
        self.late = late
        start = ts[first]
        end = delivered.max() ?? ts[first]
    }

    /// How many bars the stream has delivered by `clock`.
    public func count(at clock: Int64) -> Int {
        onTime(at: clock) - pending(at: clock).count
    }

    /// The bars delivered by `clock`, in recorded order: a prefix of the recording, less the late
    /// bars still on their way.
    public func known(at clock: Int64) -> Frame {
        let n = onTime(at: clock), gaps = Set(pending(at: clock))
        guard !gaps.isEmpty else { return bars.prefix(rows: n) }
        return bars.rows(at: (0..<n).filter { !gaps.contains($0) })
    }

    /// The starts of the bars still on their way at `clock` though later ones were delivered: the
    /// gaps in `known(at:)`.
    public func missing(at clock: Int64) -> [Int64] {
        guard let ts = try? bars.timestamps() else { return [] }
        return pending(at: clock).map { ts[$0] }
    }

    /// The late bars (indices) still on their way at `clock` though later ones were delivered.
    private func pending(at clock: Int64) -> [Int] {
        let n = onTime(at: clock)
        return late.filter { $0 < n && delivered[$0] > clock }
    }

    /// Seconds since the newest delivered bar's data became available (nil before any bar).
    public func freshness(at clock: Int64) -> Double? {
        guard let newest = (0..<onTime(at: clock)).reversed().first(where: { delivered[$0] <= clock }) else { return nil }
        return Double(clock - available[newest]) / 1e9
    }

    /// The longest delay, in seconds, with which the bars delivered after `previous` (nil: from
    /// the start) up to `clock` were delivered after their data existed.
    public func lag(after previous: Int64?, upTo clock: Int64) -> Double {
        let since = previous ?? .min
        let candidates = Array((previous.map { onTime(at: $0) } ?? 0)..<onTime(at: clock)) + late
        return candidates.filter { delivered[$0] > since && delivered[$0] <= clock }
            .map { Double(delivered[$0] - available[$0]) / 1e9 }.max() ?? 0
    }

    /// The length of the recording's prefix the stream has reached by `clock` (on time).
    private func onTime(at clock: Int64) -> Int {
        var lo = 0, hi = schedule.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if schedule[mid] <= clock { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
