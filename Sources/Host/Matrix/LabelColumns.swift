import PackKit

/// A labeler's output, checked: decisions strictly increasing, every label ending after its
/// decision and within the labeler's declared horizon.
struct LabelColumns {
    let labeler: String
    let ts: [Int64]
    let labelEnd: [Int64]
    let labels: [String]
    let outcomeNames: [String]
    let outcomes: [[Double]]

    init(_ frame: Frame, labeler: String, horizon: Causality) throws {
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
        }
    }
}
