import PackKit

/// What the host verifies on every table a pack returns, instead of trusting the pack.
enum OutputChecks {
    /// Declared columns present with declared types, the row count expected, and no NaN or
    /// Inf where the descriptor does not allow them.
    static func validate(_ frame: Frame, rows expected: Int?, declared: [ColumnSpec], context: String, file: String,
                         checkValues: Bool = true) throws(PluginError) {
        if let expected, frame.rowCount != expected {
            throw PluginError(.wrongRowCount, file: file, "\(context) returned \(frame.rowCount) rows for \(expected) input rows; outputs must match the input row for row")
        }
        for spec in declared where !spec.isOptional {
            guard let data = frame[spec.name] else {
                throw PluginError(.badOutput, file: file, "\(context) did not return declared output '\(spec.name)' (got: \(frame.columnNames.joined(separator: ", ")))")
            }
            guard data.arrowFormat == spec.format else {
                throw PluginError(.badOutput, file: file, "\(context) output '\(spec.name)' is \(data.arrowFormat), declared \(spec.format)")
            }
            guard checkValues, case .float64(let column) = data, !(spec.allowsNaN && spec.allowsInfinity) else { continue }
            let bad = column.withUnsafeBufferPointer { values in
                firstForbidden(values, allowsNaN: spec.allowsNaN, allowsInfinity: spec.allowsInfinity)
            }
            if let row = bad {
                let value = column[row]
                throw PluginError(.nonFiniteOutput, file: file,
                                  "\(context) output '\(spec.name)' is \(value) at row \(row), but its descriptor allows no \(value.isNaN ? "NaN (flag EDGEHOST_COLUMN_ALLOW_NAN)" : "Inf (flag EDGEHOST_COLUMN_ALLOW_INF)")")
            }
        }
    }

    /// The first NaN or Inf the flags forbid. The first pass only ORs comparisons on the bit
    /// patterns, which vectorises; the exact row is searched only when something is wrong.
    static func firstForbidden(_ values: UnsafeBufferPointer<Double>, allowsNaN: Bool, allowsInfinity: Bool) -> Int? {
        let magnitude: UInt64 = 0x7FFF_FFFF_FFFF_FFFF, infinity: UInt64 = 0x7FF0_0000_0000_0000
        var hit: UInt64 = 0
        if allowsNaN {
            for v in values { hit |= (v.bitPattern & magnitude) == infinity ? 1 : 0 }
        } else if allowsInfinity {
            for v in values { hit |= (v.bitPattern & magnitude) > infinity ? 1 : 0 }
        } else {
            for v in values { hit |= (v.bitPattern & magnitude) >= infinity ? 1 : 0 }
        }
        guard hit != 0 else { return nil }
        return values.firstIndex { v in !v.isFinite && (v.isNaN ? !allowsNaN : !allowsInfinity) }
    }
}
