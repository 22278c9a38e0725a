/// Compares an indicator series with its reference: NaN in the same rows, and elsewhere
/// |actual − expected| ≤ 1e-9 · max(|expected|, 1e-3), i.e. 1e-9 relative with a 1e-12
/// absolute floor for values near zero.
struct SeriesComparison: CustomStringConvertible {
    static let tolerance = 1e-9

    var nanMismatches: [Int] = []
    /// Largest error, relative to max(|expected|, 1e-3).
    var worstError = 0.0
    var worstRow = -1
    var compared = 0

    init(_ actual: [Double], _ expected: [Double]) {
        precondition(actual.count == expected.count, "series lengths differ: \(actual.count) vs \(expected.count)")
        for (row, (a, e)) in zip(actual, expected).enumerated() {
            if a.isNaN || e.isNaN {
                if a.isNaN != e.isNaN { nanMismatches.append(row) }
                continue
            }
            compared += 1
            let error = a == e ? 0 : abs(a - e) / max(abs(e), 1e-3)
            if !(error <= worstError) {
                worstError = error
                worstRow = row
            }
        }
    }

    var passes: Bool { nanMismatches.isEmpty && worstError <= Self.tolerance }

    var description: String {
        var text = worstError == 0
            ? "bit-identical over \(compared) values"
            : "worst relative error \(worstError) (row \(worstRow)) over \(compared) values"
        if !nanMismatches.isEmpty {
            text += "; NaN differs in \(nanMismatches.count) rows, first \(nanMismatches.prefix(5))"
        }
        return text
    }
}

/// Element-wise equality treating NaN as equal to NaN, with an absolute tolerance.
func sameSeries(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        (a.isNaN && e.isNaN) || abs(a - e) <= tolerance
    }
}
