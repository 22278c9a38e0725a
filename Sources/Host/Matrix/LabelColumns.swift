import PackKit

/// A labeler's output, checked: decisions strictly increasing, every label ending after its
/// decision and within the labeler's declared horizon, in nanoseconds and in bars (the bars
/// after the decision bar whose data is available by `label_end_ts`: ts + lag <= end).
struct LabelColumns {
    let labeler: String
    let ts: [Int64]
    let labelEnd: [Int64]
    let labels: [String]
    let outcomeNames: [String]
    let outcomes: [[Double]]

    init(_ frame: Frame, labeler: String, horizon: Causality, market: Int64Column, adapterLag: Int64) throws {
        self.labeler = labeler
        do {
            ts = Array(try frame.timestamps("ts"))
            labelEnd = Array(try frame.timestamps("label_end_ts"))
            switch frame["label"] {
            case .utf8(let v)?: labels = v
            case .float64(let c)?: labels = Array(c).map(Matrix.number)
            case .int64(let c)?: labels = Array(c).map(String.init)
            default: throw FrameError("column 'label' must be utf8, float64 or int64")
            }
            outcomeNames = frame.columnNames.filter { $0.hasPrefix("outcome_") }
            outcomes = try outcomeNames.map { Array(try frame.float64($0)) }
        } catch let error as FrameError {
            throw WorkspaceError("labeler '\(labeler)': \(error.message)")
        }
        for i in ts.indices {
            if i > 0, ts[i] <= ts[i - 1] {
                throw WorkspaceError("labeler '\(labeler)': decision times do not increase at row \(i) (\(Timestamps.iso(ts[i])))")
            }
            guard labelEnd[i] > ts[i] else {
                throw CausalityError(message: "labeler '\(labeler)': the label of the decision at \(Timestamps.iso(ts[i])) ends at \(Timestamps.iso(labelEnd[i])), not after the decision: labels may only use data after the decision time")
            }
            if horizon.horizonNanoseconds > 0, labelEnd[i] - ts[i] > horizon.horizonNanoseconds {
                throw CausalityError(message: "labeler '\(labeler)': the label of the decision at \(Timestamps.iso(ts[i])) ends at \(Timestamps.iso(labelEnd[i])), beyond the declared horizon of \(horizon.horizonNanoseconds / 60_000_000_000) minutes")
            }
            if horizon.horizonBars > 0 {
                let decided = (MatrixBuilder.lastRow(market, atOrBefore: ts[i]) ?? -1) + 1
                let seen = (MatrixBuilder.lastRow(market, atOrBefore: labelEnd[i] - adapterLag) ?? -1) + 1
                if seen - decided > Int(horizon.horizonBars) {
                    throw CausalityError(message: "labeler '\(labeler)': the label of the decision at \(Timestamps.iso(ts[i])) ends at \(Timestamps.iso(labelEnd[i])), \(seen - decided) bars ahead, beyond the declared horizon of \(horizon.horizonBars) bars")
                }
            }
        }
    }

    /// Labels `market` with `labeler` and checks the labels against the instance's horizon
    /// (from its parameters, ABI 1.1, else the descriptor's); with `check`, also relabel
    /// invariance at a few label ends (`findings`). The build and `pack verify` both use it.
    static func label(_ market: Frame, with labeler: PackLabeler, adapterLag: Int64, check: Bool,
                      findings: inout CausalityFindings) throws -> LabelColumns {
        let name = "\(labeler.pack.id).\(labeler.info.id)"
        let horizon = try labeler.causality()
        let ts = try market.timestamps()
        let decisions = try LabelColumns(try labeler.label(market), labeler: name, horizon: horizon, market: ts, adapterLag: adapterLag)
        if check {
            try findings.checkLabels(decisions, market: market, adapterLag: adapterLag) {
                try LabelColumns($0, labeler: name, horizon: horizon, market: ts, adapterLag: adapterLag)
            } relabel: {
                try labeler.label($0)
            }
        }
        return decisions
    }
}
