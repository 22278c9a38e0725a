import Foundation
import MarketKit
import PackKit

/// `edgehost live` without a recording: each cycle reads the model's own adapter for the
/// session (as `stream capture` does: the same query and warm-up history), keeps the bars whose
/// data exists at the loop's clock (stamp + the adapter's lag), and records what it has seen
/// into its own recording folder (`Recording`'s layout), which the loop then reads as it reads
/// any recording. A bar first seen a cycle after it was due is written to `late_bars` with the
/// cycle that delivered it, so `ReplayFeed` gives every later reader — `live --replay-from`,
/// `replay`, `reconcile` — exactly the bars the loop knew at each of its clocks. A bar once
/// seen is kept as first seen (a vendor's later revision of it is not taken).
final class LivePoller {
    let capture: StreamCapture
    let source: StreamCapture.Source
    let symbol: String
    let lag: Int64
    /// The session's close plus the lag: the last bar's data exists by then.
    let end: Int64
    /// The session's open plus the lag: its first bar's data exists by then.
    let firstDue: Int64
    /// The bars seen so far, in time order (what the recording holds), and their starts.
    private(set) var seen: Frame?
    private var seenStarts = Set<Int64>()
    private var lastClock: Int64?
    /// Bar start → the cycle that delivered it, for the bars that came a cycle late or more.
    private(set) var late: [Int64: Int64] = [:]
    /// Tests: what the adapter answers instead of reading it (a vendor that is late, or revises).
    var reader: (() throws -> Frame)?

    init(plan: ModelPlan, symbol: String, session: Int32, folder: String) throws {
        capture = StreamCapture(pack: plan.adapter.pack, adapter: plan.adapter.id, symbols: [symbol], session: session, out: folder, plan: plan)
        source = try capture.open(catalogue: plan.catalogue)
        self.symbol = symbol
        lag = source.adapter.info.causality.availabilityLagNanoseconds
        guard let day = source.market.calendar.session(on: session) else {
            throw EdgehostError(code: "no-session-data", object: Timestamps.date(session),
                                "\(Timestamps.date(session)) is not a session of the model's market (\(source.market.calendarID)): give --session a trading day", exit: .badInput)
        }
        end = day.close + lag
        firstDue = day.open + lag
    }

    /// Reads the adapter at `clock`; writes the recording when a bar was added (always on the
    /// first poll). True when it did.
    func poll(at clock: Int64) throws -> Bool {
        let frame = try reader?() ?? capture.read(symbol, from: source).frame
        let ts = try frame.timestamps()
        let due = (0..<ts.count).filter { ts[$0] + lag <= clock }
        let new = due.filter { !seenStarts.contains(ts[$0]) }
        guard !new.isEmpty || seen == nil else { lastClock = clock; return false }
        if let previous = lastClock {
            // Due by the cycle before, yet not seen then: delivered late, at this cycle.
            for i in new where ts[i] + lag <= previous { late[ts[i]] = clock }
        }
        // New bars come after the known ones unless the vendor filled a gap: then re-sort.
        let added = frame.rows(at: new)
        let merged = try seen.map { try Frame(concatenating: [$0, added]) } ?? added
        let order = try merged.timestamps()
        let sorted = (1..<max(order.count, 1)).allSatisfy { order[$0 - 1] < order[$0] }
        seen = sorted ? merged : merged.rows(at: (0..<order.count).sorted { order[$0] < order[$1] })
        seenStarts.formUnion(new.map { ts[$0] })
        lastClock = clock
        try write()
        return true
    }

    /// Whether a bar of the session has been seen (a recording needs one).
    func hasSessionBar() -> Bool {
        seenStarts.contains { source.market.day($0) == capture.session }
    }

    private func write() throws {
        guard let seen else { return }
        var manifest = capture.manifest(source)
        manifest["live_poll"] = .string("written by `edgehost live` as it polled the adapter: late_bars are the bars it saw a cycle or more after they were due")
        if !late.isEmpty {
            manifest["late_bars"] = .object([symbol: .array(late.keys.sorted().map { .object(["ts": .string(Timestamps.iso($0)), "delivered_at": .string(Timestamps.iso(late[$0]!))]) })])
        }
        _ = try Recording.write(folder: capture.out, frames: [(symbol, seen)], manifest: manifest)
    }
}
