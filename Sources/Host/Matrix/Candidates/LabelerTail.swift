import MarketKit
import PackKit

/// The rows of the delivered frame the live labeler is handed for one trading day's decisions:
/// the day's bars plus the labeler's declared lookback before its first bar, instead of every
/// bar since the recording began. A cycle's labeler call then costs the session so far, not
/// the days of warm-up history before it.
///
/// The lookback is a claim, so `CandidateBuilder.verifyTail` checks it once at start-up
/// against the whole frame, bit for bit; until then, and after a failed check, the labeler
/// gets the whole frame.
struct LabelerTail: Sendable, Equatable {
    /// History before a decision's first bar that its row needs (both must be covered).
    let bars: Int
    let nanoseconds: Int64

    /// The declared lookback: the descriptor's, else the pack's `labeler_lookback_minutes`
    /// for this labeler (`PackDefaults`); nil when neither declares one (then the whole frame).
    init?(descriptor: Causality, minutes: Int?) {
        let ns = max(descriptor.lookbackNanoseconds, Int64(max(minutes ?? 0, 0)) * 60_000_000_000)
        guard descriptor.lookbackBars > 0 || ns > 0 else { return nil }
        bars = Int(clamping: descriptor.lookbackBars)
        nanoseconds = ns
    }

    init(bars: Int, nanoseconds: Int64) {
        self.bars = bars
        self.nanoseconds = nanoseconds
    }

    /// The first row to hand the labeler for the decisions of `day`: the day's first bar, less
    /// `bars` rows and less `nanoseconds` of time. 0 (the whole frame) when the frame holds no
    /// bar of the day yet, so the decisions a labeler might still place there are not lost.
    func start(_ ts: Int64Column, day: Int32, market: Market) -> Int {
        // Session days never decrease along time: the first row of `day` by bisection.
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if market.day(ts[mid]) < day { lo = mid + 1 } else { hi = mid }
        }
        guard lo < ts.count, market.day(ts[lo]) == day else { return 0 }
        var first = max(lo - bars, 0)
        if nanoseconds > 0 {
            let (limit, overflow) = ts[lo].subtractingReportingOverflow(nanoseconds)
            // The first row at or after `limit`: one past the last row before it.
            first = overflow ? 0 : min(first, (MatrixBuilder.lastRow(ts, atOrBefore: limit - 1) ?? -1) + 1)
        }
        return first
    }

    /// "390 bars" / "23400 s" / "802 bars, 60 s": for messages.
    var text: String {
        [bars > 0 ? "\(bars) bars" : nil, nanoseconds > 0 ? "\(nanoseconds / 1_000_000_000) s" : nil].compactMap { $0 }.joined(separator: ", ")
    }
}
