extension BuiltinIndicator {
    /// Runs the indicator on arrays and returns one new array per name in `outputs`.
    ///
    /// Convenient for previews and tests; the buffer version avoids the output allocations.
    /// - Parameters:
    ///   - ts: bar timestamps (ns since the epoch, UTC); needed only when `inputs` has `"ts"`.
    ///   - columns: input columns by name; extra columns are ignored.
    ///   - params: parameter values by name; missing ones take their defaults.
    /// - Throws: `IndicatorError` as the buffer version does.
    public func compute(ts: [Int64] = [], columns: [String: [Double]], params: [String: Double] = [:]) throws -> [[Double]] {
        let needed = inputs.filter { $0 != "ts" }
        let rows = needed.compactMap { columns[$0]?.count }.first ?? ts.count
        let buffers = outputs.map { _ in UnsafeMutableBufferPointer<Double>.allocate(capacity: rows) }
        defer { buffers.forEach { $0.deallocate() } }
        try ts.withUnsafeBufferPointer { ts in
            try withBuffers(of: needed.compactMap { name in columns[name].map { (name, $0) } }, [:]) { pinned in
                try compute(ts: ts, columns: pinned, params: params, outputs: buffers)
            }
        }
        return buffers.map { Array($0) }
    }
}

/// Pins each array's storage in turn, then calls `body` with all the buffers by name.
private func withBuffers(of arrays: [(String, [Double])], _ pinned: [String: UnsafeBufferPointer<Double>],
                         _ body: ([String: UnsafeBufferPointer<Double>]) throws -> Void) rethrows {
    guard let (name, array) = arrays.first else { return try body(pinned) }
    try array.withUnsafeBufferPointer { buffer in
        var next = pinned
        next[name] = buffer
        try withBuffers(of: Array(arrays.dropFirst()), next, body)
    }
}
