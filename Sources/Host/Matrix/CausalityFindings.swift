import PackKit

/// The causality checks a build ran, and what they found (recorded in the profile).
public struct CausalityFindings: Sendable {
    public var checked: Bool
    public var featuresChecked: [String] = []
    public var cutsPerFeature = 0
    /// Features that passed the history-invariance check.
    public var historyChecked = 0
    public var labelDecisionsCompared = 0
    public var labelCuts = 0
    public var joinLagNanoseconds: Int64 = 0
    /// Features whose correlation with an outcome is too high to be honest.
    public var suspicious: [String] = []
    /// Row features (`x_…`) of the labeler checked at decision-time cuts, and how often.
    public var rowFeaturesChecked: [String] = []
    public var rowFeatureCuts = 0
    public var rowFeatureDecisionsCompared = 0

    init(checked: Bool) { self.checked = checked }

    /// Adds the checks of another build over other dates (a partitioned build's runs).
    mutating func merge(_ other: CausalityFindings) {
        for name in other.featuresChecked where !featuresChecked.contains(name) { featuresChecked.append(name) }
        for name in other.rowFeaturesChecked where !rowFeaturesChecked.contains(name) { rowFeaturesChecked.append(name) }
        cutsPerFeature = max(cutsPerFeature, other.cutsPerFeature)
        historyChecked = max(historyChecked, other.historyChecked)
        labelDecisionsCompared += other.labelDecisionsCompared
        labelCuts += other.labelCuts
        rowFeatureCuts += other.rowFeatureCuts
        rowFeatureDecisionsCompared += other.rowFeatureDecisionsCompared
        joinLagNanoseconds = other.joinLagNanoseconds
    }

    /// Prefix-truncation invariance of one feature: values before each cut must not change
    /// when the rows from the cut on are removed.
    mutating func checkFeature(_ computer: FeatureComputer, input: Frame, values: Float64Column, ts: Int64Column) throws {
        let cuts = CausalityCheck.cuts(rows: input.rowCount, count: 5)
        let full = try Frame([.float64(computer.output, values)])
        let violation = try CausalityCheck.check(input: input, full: full, cuts: cuts) { prefix in
            try Frame([.float64(computer.output, try computer.compute(prefix))])
        }
        if let v = violation {
            throw CausalityError(message: """
                feature '\(computer.spec.name)' (\(computer.spec.pack).\(computer.spec.indicator)) fails the causality check: \
                its value at row \(v.row) (\(Timestamps.iso(ts[v.row]))) is \(v.full) with all the data but \(v.truncated) \
                when the rows from \(v.cut) (\(Timestamps.iso(ts[v.cut]))) on are removed, so it uses future data. \
                The build stopped and wrote nothing.
                """)
        }
        try checkHistory(computer, input: input, full: full, ts: ts)
        featuresChecked.append(computer.spec.name)
        cutsPerFeature = cuts.count
    }

    /// History invariance of one feature: with only its declared lookback before a row, the
    /// row's value must be the full-history value (`HistoryInvariance`).
    mutating func checkHistory(_ computer: FeatureComputer, input: Frame, full: Frame, ts: Int64Column) throws {
        let lookback = HistoryInvariance.Lookback(bars: computer.lookbackBars, nanoseconds: computer.lookbackNanoseconds)
        let violation = try HistoryInvariance.check(input: input, full: full, ts: ts, lookback: lookback) { window in
            try Frame([.float64(computer.output, try computer.compute(window))])
        }
        if let v = violation {
            throw EdgehostError(code: "history-invariance", object: "feature '\(computer.spec.name)'", """
                \(computer.spec.pack).\(computer.spec.indicator) fails the history-invariance check: its value at \(Timestamps.iso(ts[v.row])) \
                depends on history older than its declared lookback: \(v). Declare a lookback that covers it (for a recursive \
                indicator, its convergence). The build stopped and wrote nothing.
                """, exit: .checkFailed)
        }
        historyChecked += 1
    }

    /// Labels must not change when data after their declared end is removed: cut the data
    /// at the end of a few labels and relabel.
    mutating func checkLabels(_ full: LabelColumns, market: Frame, adapterLag: Int64,
                              parse: (Frame) throws -> LabelColumns, relabel: (Frame) throws -> Frame) throws {
        guard full.ts.count >= 4 else { return }
        let ts = try market.timestamps()
        for k in [full.ts.count / 4, full.ts.count / 2, full.ts.count * 3 / 4] {
            let cutTime = full.labelEnd[k]
            let rows = (MatrixBuilder.lastRow(ts, atOrBefore: cutTime - adapterLag) ?? -1) + 1
            guard rows < market.rowCount else { continue }
            let partial = try parse(try relabel(market.prefix(rows: rows)))
            for i in full.ts.indices where full.labelEnd[i] <= cutTime {
                let j = partial.row(ts: full.ts[i], key: full.keys?[i])
                let same = j.map { j in
                    partial.labels[j] == full.labels[i] && partial.labelEnd[j] == full.labelEnd[i]
                        && zip(partial.outcomes, full.outcomes).allSatisfy { CausalityCheck.sameBits($0[j], $1[i]) }
                } ?? false
                guard same else {
                    throw CausalityError(message: """
                        labeler '\(full.labeler)': the decision at \(Timestamps.iso(full.ts[i]))\(full.keyNote(i)) (label ending \(Timestamps.iso(full.labelEnd[i]))) \
                        changed when the data after \(Timestamps.iso(cutTime)) was removed: its label or outcomes look beyond the label's end. \
                        The build stopped and wrote nothing.
                        """)
                }
                labelDecisionsCompared += 1
            }
            labelCuts += 1
        }
    }

    /// Row-specific features (`x_…` columns of the labeler) must be known at their decision:
    /// the data is cut at a few decision times (the bars with ts + lag <= the decision time
    /// remain) and relabelled; every decision up to the cut must come out again with the same
    /// `x_` values, bit for bit. So a labeler with row features emits a decision as soon as its
    /// instant is in the data, whatever follows.
    mutating func checkRowFeatures(_ full: LabelColumns, market: Frame, adapterLag: Int64,
                                   parse: (Frame) throws -> LabelColumns, relabel: (Frame) throws -> Frame) throws {
        guard !full.rowFeatureNames.isEmpty, !full.ts.isEmpty else { return }
        let ts = try market.timestamps()
        let picks = full.ts.count > 2 ? CausalityCheck.cuts(rows: full.ts.count, count: RowFeatures.cutCount) : Array(full.ts.indices)
        for k in picks {
            let cutTime = full.ts[k]
            let rows = (MatrixBuilder.lastRow(ts, atOrBefore: cutTime - adapterLag) ?? -1) + 1
            guard rows < market.rowCount else { continue }
            let partial = try parse(try relabel(market.prefix(rows: rows)))
            guard partial.rowFeatureNames == full.rowFeatureNames else {
                throw CausalityError(message: "labeler '\(full.labeler)': its row features changed from \(full.rowFeatureNames) to \(partial.rowFeatureNames) when the data after \(Timestamps.iso(cutTime)) was removed")
            }
            for i in full.ts.indices where full.ts[i] <= cutTime {
                guard let j = partial.row(ts: full.ts[i], key: full.keys?[i]) else {
                    throw CausalityError(message: """
                        labeler '\(full.labeler)': the decision at \(Timestamps.iso(full.ts[i]))\(full.keyNote(i)) disappears when the data after \
                        \(Timestamps.iso(cutTime)) is removed: a labeler with row features (x_…) must decide from the data up to the decision. \
                        The build stopped and wrote nothing.
                        """)
                }
                for (f, name) in full.rowFeatureNames.enumerated() where !CausalityCheck.sameBits(partial.rowFeatures[f][j], full.rowFeatures[f][i]) {
                    throw CausalityError(message: """
                        row feature '\(name)' of labeler '\(full.labeler)' fails the causality check: at the decision \(Timestamps.iso(full.ts[i]))\(full.keyNote(i)) \
                        it is \(full.rowFeatures[f][i]) with all the data but \(partial.rowFeatures[f][j]) when the data after \(Timestamps.iso(cutTime)) \
                        is removed, so it uses future data. The build stopped and wrote nothing.
                        """)
                }
                rowFeatureDecisionsCompared += 1
            }
            rowFeatureCuts += 1
        }
        rowFeaturesChecked = full.rowFeatureNames
    }

    /// A feature that predicts a realised outcome almost perfectly has usually seen it.
    mutating func flagCorrelations(_ matrix: Matrix) {
        for (name, feature) in zip(matrix.featureNames, matrix.features) {
            for (outcome, values) in zip(matrix.outcomeNames, matrix.outcomes) {
                let r = CausalityFindings.correlation(feature, values)
                if abs(r) > 0.9 {
                    suspicious.append("\(name) ~ \(outcome): correlation \(JSON.rounded(r, 3).text) over the matrix")
                }
            }
        }
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
            n += 1; sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b
        }
        guard n >= 30 else { return .nan }
        let cov = sxy / n - sx / n * sy / n
        let vx = sxx / n - sx / n * sx / n, vy = syy / n - sy / n * sy / n
        return vx > 0 && vy > 0 ? cov / (vx * vy).squareRoot() : .nan
    }

    var json: JSON {
        var out = baseJSON
        // Only a labeler with row features adds the entry: other profiles keep their bytes.
        if !rowFeaturesChecked.isEmpty, case .object(var fields) = out {
            fields["row_features"] = .object(["features": .strings(rowFeaturesChecked), "decision_cuts": .number(Double(rowFeatureCuts)),
                                              "decisions_compared": .number(Double(rowFeatureDecisionsCompared))])
            out = .object(fields)
        }
        return out
    }

    private var baseJSON: JSON {
        .object([
            "checked": .bool(checked),
            "prefix_truncation": .object(["features": .strings(featuresChecked), "cuts_per_feature": .number(Double(cutsPerFeature)),
                                          "violations": .array([])]),
            "history_invariance": .object(["features": .number(Double(historyChecked)), "points_per_feature": .number(Double(HistoryInvariance.pointCount)),
                                           "relative_tolerance": .number(HistoryInvariance.relativeTolerance)]),
            "decision_join": .object(["rule": .string("each decision takes the last row with ts + availability lag <= decision time"),
                                      "adapter_lag_seconds": .number(Double(joinLagNanoseconds) / 1e9)]),
            "labels": .object(["end_after_decision": .bool(true), "prefix_cuts": .number(Double(labelCuts)),
                               "decisions_compared": .number(Double(labelDecisionsCompared))]),
            "suspicious_correlations": .strings(suspicious),
        ])
    }
}
