extension Frame {
    /// The rows of `frames`, in order; every frame must have the same column names and types.
    public init(concatenating frames: [Frame]) throws(FrameError) {
        guard let first = frames.first else {
            self.init()
            return
        }
        if frames.count == 1 {
            self = first
            return
        }
        var columns: [Column] = []
        for (index, column) in first.columns.enumerated() {
            let parts = frames.map { $0.columns.indices.contains(index) ? $0.columns[index] : nil }
            guard parts.allSatisfy({ $0?.name == column.name && $0?.data.arrowFormat == column.data.arrowFormat }) else {
                throw FrameError("batches disagree on column \(index) ('\(column.name)', \(column.data.arrowFormat))")
            }
            columns.append(Column(column.name, try Frame.join(parts.map { $0!.data })))
        }
        try self.init(columns)
    }

    private static func join(_ parts: [ColumnData]) throws(FrameError) -> ColumnData {
        func numeric<T>(_ columns: [NumericColumn<T>]) -> NumericColumn<T> {
            NumericColumn(count: columns.reduce(0) { $0 + $1.count }) { out in
                var at = 0
                for c in columns {
                    c.withUnsafeBufferPointer { src in
                        for (i, v) in src.enumerated() { out[at + i] = v }
                    }
                    at += c.count
                }
            }
        }
        switch parts[0] {
        case .float64: return .float64(numeric(parts.compactMap { if case .float64(let c) = $0 { c } else { nil } }))
        case .int64: return .int64(numeric(parts.compactMap { if case .int64(let c) = $0 { c } else { nil } }))
        case .timestamp: return .timestamp(numeric(parts.compactMap { if case .timestamp(let c) = $0 { c } else { nil } }))
        case .utf8: return .utf8(parts.flatMap { part -> [String] in if case .utf8(let v) = part { v } else { [] } })
        case .bool: return .bool(parts.flatMap { part -> [Bool] in if case .bool(let v) = part { v } else { [] } })
        }
    }
}
