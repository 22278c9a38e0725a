extension NumericColumn {
    /// Elements `range` (clamped to the column), sharing storage.
    public func rows(_ range: Range<Int>) -> NumericColumn {
        let lower = Swift.min(Swift.max(range.lowerBound, 0), buffer.count)
        let upper = Swift.min(Swift.max(range.upperBound, lower), buffer.count)
        return NumericColumn(buffer: ColumnBuffer(pointer: buffer.pointer + lower, count: upper - lower, owner: .retained(buffer)))
    }
}

extension ColumnData {
    func rows(_ range: Range<Int>) -> ColumnData {
        switch self {
        case .float64(let c): .float64(c.rows(range))
        case .int64(let c): .int64(c.rows(range))
        case .timestamp(let c): .timestamp(c.rows(range))
        case .utf8(let v): .utf8(Array(v[v.indices.clamped(to: range)]))
        case .bool(let v): .bool(Array(v[v.indices.clamped(to: range)]))
        }
    }
}

extension Frame {
    /// Rows `range` (clamped to the frame), sharing numeric storage: the history a check
    /// gives an indicator before a row.
    public func rows(_ range: Range<Int>) -> Frame {
        // The names stay unique and the lengths equal: nothing to check again (the live
        // monitor cuts a 56-column frame every cycle).
        let lower = Swift.min(Swift.max(range.lowerBound, 0), rowCount)
        return Frame(alreadyChecked: columns.map { Column($0.name, $0.data.rows(range)) }, rows: Swift.min(Swift.max(range.upperBound, lower), rowCount) - lower)
    }
}

extension ColumnData {
    func rows(at indices: [Int]) -> ColumnData {
        switch self {
        case .float64(let c): .float64(NumericColumn(indices.map { c[$0] }))
        case .int64(let c): .int64(NumericColumn(indices.map { c[$0] }))
        case .timestamp(let c): .timestamp(NumericColumn(indices.map { c[$0] }))
        case .utf8(let v): .utf8(indices.map { v[$0] })
        case .bool(let v): .bool(indices.map { v[$0] })
        }
    }
}

extension Frame {
    /// The rows at `indices` (each in range), in that order, copied: a frame with gaps.
    public func rows(at indices: [Int]) -> Frame {
        // Lengths stay equal, so this cannot fail.
        try! Frame(columns.map { Column($0.name, $0.data.rows(at: indices)) })
    }
}
