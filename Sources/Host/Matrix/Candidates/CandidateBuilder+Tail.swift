import PackKit

extension CandidateBuilder {
    /// Checks the labeler's declared lookback once, on `bars` (the data known at start-up), and
    /// turns the day's tail on when it holds: for the last two trading days with decisions in
    /// `bars`, the decisions of the day labelled from its tail must be the whole frame's, bit for
    /// bit (times, keys, row features). A claim that fails leaves the whole frame in use and
    /// says why (the live monitor prints it before its loop): outputs never depend on trusting
    /// it. Nothing to check (no lookback declared, no decision yet): the whole frame, silently.
    func verifyTail(_ bars: Frame) throws -> String? {
        guard let declared = declaredTail, tail == nil else { return nil }
        let ts = try bars.timestamps()
        var findings = CausalityFindings(checked: false)
        let whole = try LabelColumns.label(bars, with: labeler, adapterLag: adapterLag, check: false, findings: &findings)
        let days = Array(Set(whole.ts.map(market.day))).sorted().suffix(2)
        guard !days.isEmpty else { return nil }
        for day in days {
            let from = declared.start(ts, day: day, market: market)
            let part = try LabelColumns.label(bars.rows(from..<bars.rowCount), with: labeler, adapterLag: adapterLag, check: false, findings: &findings)
            if let difference = difference(whole, part, day: day) {
                return "labeler '\(plan.labeler.pack).\(plan.labeler.id)' declares a lookback of \(declared.text), but its decisions of \(Timestamps.date(day)) differ when it is given only that much history before the day: \(difference); the live cycles hand it every delivered bar instead"
            }
        }
        tail = declared
        return nil
    }

    /// The first way `part`'s decisions of `day` differ from `whole`'s, or nil when they are equal bit for bit.
    private func difference(_ whole: LabelColumns, _ part: LabelColumns, day: Int32) -> String? {
        let a = whole.ts.indices.filter { market.day(whole.ts[$0]) == day }, b = part.ts.indices.filter { market.day(part.ts[$0]) == day }
        guard a.count == b.count else { return "\(a.count) decisions with the whole frame, \(b.count) with the tail" }
        guard whole.rowFeatureNames == part.rowFeatureNames else { return "row features \(whole.rowFeatureNames) against \(part.rowFeatureNames)" }
        for (i, j) in zip(a, b) {
            let at = "\(Timestamps.iso(whole.ts[i]))\(whole.keyNote(i))"
            guard whole.ts[i] == part.ts[j], whole.keys?[i] == part.keys?[j] else { return "decision \(at) against \(Timestamps.iso(part.ts[j]))\(part.keyNote(j))" }
            for (f, name) in whole.rowFeatureNames.enumerated() where whole.rowFeatures[f][i].bitPattern != part.rowFeatures[f][j].bitPattern {
                return "decision \(at): \(name) \(whole.rowFeatures[f][i]) with the whole frame, \(part.rowFeatures[f][j]) with the tail"
            }
        }
        return nil
    }
}
