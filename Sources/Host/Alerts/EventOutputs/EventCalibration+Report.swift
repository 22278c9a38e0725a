import PackKit

/// The `event_calibration` section of a backtest report (packs with `event_outputs`): the
/// calibration bins of the walk-forward's out-of-sample event probabilities, which the alerts
/// (and a live monitor, from the registered backtest.json) read back; the model's Brier score
/// against the market's baseline; and how often a bin's interval from one half of the sessions
/// covers the realised rate of the other half.
extension EventCalibration {
    /// The out-of-sample probability of the event for each prediction of a binary model.
    static func eventProbabilities(_ predictions: [Prediction], event: String) -> [Double] {
        predictions.map { $0.label == event ? $0.probability : 1 - $0.probability }
    }

    static func report(_ predictions: [Prediction], matrix: Matrix, spec: EventOutputSpec) throws -> JSON {
        guard let baseline = matrix.featureNames.firstIndex(of: spec.riskNeutral) else {
            throw WorkspaceError("event_outputs: risk_neutral feature '\(spec.riskNeutral)' is not a column of the matrix")
        }
        let p = eventProbabilities(predictions, event: spec.event)
        let happened = predictions.map { matrix.labels[$0.row] == spec.event }
        let session = predictions.map { matrix.market.day(matrix.ts[$0.row]) }
        let all = EventCalibration(probability: p, happened: happened, session: session)
        let riskNeutral = predictions.map { matrix.features[baseline][$0.row] }
        func brier(_ q: [Double]) -> Double {
            let scored = q.indices.filter { q[$0].isFinite }
            return scored.map { i in let e = q[i] - (happened[i] ? 1 : 0); return e * e }.reduce(0, +) / Double(max(scored.count, 1))
        }
        let coverage = heldOutCoverage(p, happened, session)
        let calibrated = calibrationCoverage(all, p)
        return .object([
            "event": .string(spec.event),
            "method": .string("equal-count bins of the out-of-sample event probability; Wilson 95 % interval of each bin's realised rate with n = its effective sessions, (sum of rows per session)^2 / sum of squares"),
            "bins": .array(all.bins.map(\.json)),
            // The same bins made of the baseline's probabilities on the same predictions: the
            // reference a calibration check (`CalibrationCheck`) measures the model against.
            "baseline_bins": .array(EventCalibration(probability: riskNeutral, happened: happened, session: session).bins.map(\.json)),
            "brier": .object(["model": .rounded(brier(p), 6), "baseline": .rounded(brier(riskNeutral), 6),
                              "baseline_feature": .string(spec.riskNeutral), "predictions": .number(Double(p.count))]),
            "calibration_coverage": .object(["covered": .number(Double(calibrated.covered)), "bins": .number(Double(calibrated.bins)),
                                             "note": .string("bins whose mean predicted probability lies in the Wilson interval of their realised rate")]),
            "held_out_coverage": .object(["covered": .number(Double(coverage.covered)), "bins": .number(Double(coverage.bins)),
                                          "note": .string("bins and intervals from the even sessions, realised rates from the odd ones")]),
        ])
    }

    /// How many bins of `calibration` (built from `p`) hold their own mean prediction in their
    /// interval: a calibrated model's do, bar the 5 % a 95 % interval misses.
    static func calibrationCoverage(_ calibration: EventCalibration, _ p: [Double]) -> (covered: Int, bins: Int) {
        var sums = [Double](repeating: 0, count: calibration.bins.count), counts = sums
        for x in p where x.isFinite {
            guard let bin = calibration.bins.firstIndex(where: { x <= $0.upper }) ?? calibration.bins.indices.last else { continue }
            sums[bin] += x
            counts[bin] += 1
        }
        let covered = calibration.bins.indices.filter { counts[$0] > 0 && calibration.bins[$0].interval.contains(sums[$0] / counts[$0]) }.count
        return (covered, calibration.bins.count)
    }

    /// Bins from the even-numbered sessions; how many bins' intervals hold the realised rate of
    /// the odd-numbered sessions' predictions that fall in them.
    static func heldOutCoverage(_ p: [Double], _ happened: [Bool], _ session: [Int32]) -> (covered: Int, bins: Int) {
        let order = Array(Set(session)).sorted()
        let parity = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 % 2) })
        let fit = p.indices.filter { parity[session[$0]] == 0 }, held = p.indices.filter { parity[session[$0]] == 1 }
        let calibration = EventCalibration(probability: fit.map { p[$0] }, happened: fit.map { happened[$0] }, session: fit.map { session[$0] })
        let coverage = EventCoverage(calibration: calibration, probability: held.map { p[$0] }, happened: held.map { happened[$0] },
                                     session: held.map { session[$0] })
        return (coverage.covered, coverage.checked)
    }

    /// Reads the bins back from a backtest report's `event_calibration` (`key` = `baseline_bins`:
    /// the baseline's, which reports written before them lack).
    init(report: JSON, path: String, key: String = "bins") throws {
        guard case .array(let bins)? = report["event_calibration"]?[key] else {
            throw WorkspaceError("\(path): no event_calibration \(key); rerun `edgehost backtest` (the pack declares event_outputs)")
        }
        self.init(bins: try bins.map { b in
            guard let lower = b["lower"]?.doubleValue, let upper = b["upper"]?.doubleValue, let rows = b["rows"]?.doubleValue,
                  let events = b["events"]?.doubleValue, let sessions = b["sessions"]?.doubleValue else {
                throw WorkspaceError("\(path): event_calibration bin \(b.text) lacks lower, upper, rows, events or sessions")
            }
            return Bin(lower: lower, upper: upper, rows: Int(exactly: rows) ?? 0, events: Int(exactly: events) ?? 0, sessions: Int(exactly: sessions) ?? 0,
                       effectiveSessions: b["effective_sessions"]?.doubleValue)
        })
    }
}

extension EventCalibration.Bin {
    var json: JSON {
        .object(["lower": .number(lower), "upper": .number(upper), "rows": .number(Double(rows)), "events": .number(Double(events)),
                 "sessions": .number(Double(sessions)), "effective_sessions": .rounded(effectiveSessions, 6), "rate": .rounded(rate, 6),
                 "ci_low": .rounded(interval.low, 6), "ci_high": .rounded(interval.high, 6)])
    }
}
