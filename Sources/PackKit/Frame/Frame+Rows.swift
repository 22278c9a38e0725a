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
        // Lengths stay equal, so this cannot fail.
        try! Frame(columns.map { Column($0.name, $0.data.rows(range)) })
    }
}
