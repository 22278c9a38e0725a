import PackKit

/// A labeler's output, checked: decisions strictly increasing, every label ending after its
/// decision and within the labeler's declared horizon, in nanoseconds and in bars (the bars
/// after the decision bar whose data is available by `label_end_ts`: ts + lag <= end).
///
/// Several decisions per instant (`RowFeatures`): a labeler may add a utf8 column `key` (the
/// level touched, the strike): decisions are then keyed by (ts, key) and strictly increase in
/// that order; `x_<name>` float64 columns are row-specific features; `qa_<name>` float64
/// columns are facts for the data-QA gate, not features.
struct LabelColumns {
    let labeler: String
    let ts: [Int64]
    /// The decision's key beyond `ts`; nil when the labeler emits one decision per instant.
    let keys: [String]?
    /// Row-specific features (`x_…`), checked for causality like indicators.
    let rowFeatureNames: [String]
    let rowFeatures: [[Double]]
    let qaNames: [String]
    let qa: [[Double]]
    let labelEnd: [Int64]
    let labels: [String]
    let outcomeNames: [String]
    let outcomes: [[Double]]

    init(_ frame: Frame, labeler: String, horizon: Causality, market: Int64Column, adapterLag: Int64) throws {
        self.labeler = labeler
        do {
            ts = Self.copy(try frame.timestamps("ts"))
            labelEnd = Self.copy(try frame.timestamps("label_end_ts"))
            labels = try LabelColumns.text(frame, "label")
            outcomeNames = frame.columnNames.filter { $0.hasPrefix("outcome_") }
            outcomes = try outcomeNames.map { Self.copy(try frame.float64($0)) }
            switch frame["key"] {
            case nil: keys = nil
            case .utf8(let v)?:
                // Keys are CSV fields of the matrix and of signals.csv, read back unquoted.
                // Bytes, not characters: ASCII never occurs inside a multi-byte UTF-8 sequence.
                if let bad = v.firstIndex(where: { $0.isEmpty || $0.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) }) {
                    throw FrameError("column 'key' at row \(bad) is '\(EscapedText.text(v[bad]))': a key must be non-empty, without commas, quotes or line breaks")
                }
                keys = v
            default: throw FrameError("column 'key' must be utf8")
            }
            rowFeatureNames = frame.columnNames.filter { $0.hasPrefix(RowFeatures.prefix) }
            rowFeatures = try rowFeatureNames.map { Self.copy(try frame.float64($0)) }
            qaNames = frame.columnNames.filter { $0.hasPrefix(RowFeatures.qaPrefix) }
            qa = try qaNames.map { Self.copy(try frame.float64($0)) }
        } catch let error as FrameError {
            throw WorkspaceError("labeler '\(labeler)': \(error.message)")
        }
        for i in ts.indices {
            if i > 0, let keys, ts[i] == ts[i - 1] ? keys[i] <= keys[i - 1] : ts[i] < ts[i - 1] {
                throw WorkspaceError("labeler '\(labeler)': decisions do not increase in (ts, key) at row \(i) (\(Timestamps.iso(ts[i])), key '\(EscapedText.text(keys[i]))')")
            }
            if i > 0, keys == nil, ts[i] <= ts[i - 1] {
                throw WorkspaceError("labeler '\(labeler)': decision times do not increase at row \(i) (\(Timestamps.iso(ts[i]))); several decisions at one instant need a 'key' column")
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
            let parse = { (frame: Frame) throws -> LabelColumns in
                try LabelColumns(frame, labeler: name, horizon: horizon, market: ts, adapterLag: adapterLag)
            }
            try findings.checkLabels(decisions, market: market, adapterLag: adapterLag, parse: parse) { try labeler.label($0) }
            try findings.checkRowFeatures(decisions, market: market, adapterLag: adapterLag, parse: parse) { try labeler.label($0) }
        }
        return decisions
    }
}

extension LabelColumns {
    /// A column's values in one copy of its storage (`Array(column)` goes element by element):
    /// the live monitor reads a labeler's output every cycle.
    static func copy<T>(_ column: NumericColumn<T>) -> [T] {
        column.withUnsafeBufferPointer { Array($0) }
    }

    /// A label column as text: utf8 as is, numbers in the matrix's form.
    static func text(_ frame: Frame, _ name: String) throws(FrameError) -> [String] {
        switch frame[name] {
        case .utf8(let v)?: return v
        case .float64(let c)?: return Array(c).map(Matrix.number)
        case .int64(let c)?: return Array(c).map(String.init)
        default: throw FrameError("column '\(name)' must be utf8, float64 or int64")
        }
    }

    /// The decision's key for messages: " key 'OR_HIGH@5012.25'", or nothing without keys.
    func keyNote(_ i: Int) -> String {
        keys.map { " key '\(EscapedText.text($0[i]))'" } ?? ""
    }

    /// The row of decision (ts, key) in these columns (sorted), or nil.
    func row(ts t: Int64, key: String?) -> Int? {
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ts[mid] < t || (ts[mid] == t && (keys?[mid] ?? "") < (key ?? "")) { lo = mid + 1 } else { hi = mid }
        }
        return lo < ts.count && ts[lo] == t && keys?[lo] == key ? lo : nil
    }
}
