import Foundation
import PackKit

/// How often calibration bins' intervals hold the realised event rate of other predictions
/// (rows assigned to bins as a live row is, by `EventCalibration.binIndex(for:)`): the test of
/// a confidence interval for a bin's true rate when the other predictions are many.
///
/// A bin's interval is a 95 % interval around an estimate from n_cal effective sessions; the
/// realised rate on n effective sessions is itself an estimate, so even an exact interval holds
/// it only with probability 2Φ(1.96 / √(1 + k)) − 1, k = n_cal / n (92 % at k = 0.25, 83 % at
/// k = 1, the equal halves of the held-out check; Cumming & Maillardet 2006). `expected` says it.
struct EventCoverage: Sendable {
    struct Bin: Sendable {
        let calibration: EventCalibration.Bin
        /// The other predictions in the bin.
        let rows: Int, events: Int, sessions: Int
        let effectiveSessions: Double
        var rate: Double { Double(events) / Double(rows) }
        var covered: Bool { rows > 0 && calibration.interval.contains(rate) }
        /// n_cal / n: the calibration's effective sessions over the other predictions'.
        var k: Double { calibration.effectiveSessions / effectiveSessions }
        /// The chance an exact 95 % interval from n_cal sessions holds an estimate from n.
        var expected: Double { 2 * Normal.cdf(1.96 / (1 + k).squareRoot()) - 1 }
    }

    /// One per calibration bin, in order; a bin no prediction falls in has `rows` 0.
    let bins: [Bin]

    /// `probability[i]`, `happened[i]` and `session[i]` for each other prediction.
    init(calibration: EventCalibration, probability: [Double], happened: [Bool], session: [Int32]) {
        var members = [[Int]](repeating: [], count: calibration.bins.count)
        for i in probability.indices where probability[i].isFinite {
            if let b = calibration.binIndex(for: probability[i]) { members[b].append(i) }
        }
        bins = zip(calibration.bins, members).map { bin, rows in
            let sessions = EventCalibration.sessions(rows.map { session[$0] })
            return Bin(calibration: bin, rows: rows.count, events: rows.filter { happened[$0] }.count, sessions: sessions.count,
                       effectiveSessions: sessions.effective)
        }
    }

    /// Bins some prediction falls in, and those whose interval holds their realised rate.
    var checked: Int { bins.filter { $0.rows > 0 }.count }
    var covered: Int { bins.filter(\.covered).count }
    /// The largest k of a checked bin: above 0.25 the realised rates are too noisy for a fair check.
    var largestK: Double { bins.filter { $0.rows > 0 }.map(\.k).max() ?? .infinity }
    /// The covered bins a calibrated model expects: the sum of the checked bins' `expected`.
    var expectedCovered: Double { bins.filter { $0.rows > 0 }.map(\.expected).reduce(0, +) }

    var json: JSON {
        .object([
            "covered": .number(Double(covered)), "bins": .number(Double(checked)),
            "expected_covered": .rounded(expectedCovered, 3), "largest_k": .rounded(largestK, 4),
            "per_bin": .array(bins.map { b in
                .object([
                    "lower": .number(b.calibration.lower), "upper": .number(b.calibration.upper),
                    "ci_low": .rounded(b.calibration.interval.low, 6), "ci_high": .rounded(b.calibration.interval.high, 6),
                    "calibration_effective_sessions": .rounded(b.calibration.effectiveSessions, 6),
                    "rows": .number(Double(b.rows)), "events": .number(Double(b.events)), "sessions": .number(Double(b.sessions)),
                    "effective_sessions": .rounded(b.effectiveSessions, 6), "rate": b.rows > 0 ? .rounded(b.rate, 6) : .null,
                    "k": b.rows > 0 ? .rounded(b.k, 4) : .null, "expected": b.rows > 0 ? .rounded(b.expected, 4) : .null,
                    "covered": .bool(b.covered),
                ])
            }),
        ])
    }
}
