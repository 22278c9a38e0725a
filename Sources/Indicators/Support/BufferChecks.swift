/// Shape checks shared by every kernel: equal lengths and no aliasing.
///
/// Aliasing is rejected because the kernels write outputs aligned with their inputs and then
/// read inputs behind the write position (the trailing edge of a window).
enum BufferChecks {
    static func check(_ indicator: String, inputs: [UnsafeRawBufferPointer],
                      outputs: [UnsafeMutableBufferPointer<Double>]) throws {
        let rows = inputs.first.map(rowCount) ?? outputs.first?.count ?? 0
        for (index, input) in inputs.enumerated() where rowCount(input) != rows {
            throw IndicatorError(.lengthMismatch, indicator: indicator,
                                 message: "input \(index + 1) has \(rowCount(input)) rows, input 1 has \(rows)")
        }
        for (index, output) in outputs.enumerated() {
            guard output.count == rows else {
                throw IndicatorError(.lengthMismatch, indicator: indicator,
                                     message: "output \(index + 1) has \(output.count) rows, the inputs have \(rows)")
            }
            let raw = UnsafeRawBufferPointer(output)
            let others = inputs + outputs[..<index].map { UnsafeRawBufferPointer($0) }
            if others.contains(where: { overlap(raw, $0) }) {
                throw IndicatorError(.overlappingBuffers, indicator: indicator,
                                     message: "output \(index + 1) overlaps an input or another output")
            }
        }
    }

    /// Convenience for the common all-`Double` case.
    static func check(_ indicator: String, inputs: UnsafeBufferPointer<Double>...,
                      outputs: UnsafeMutableBufferPointer<Double>...) throws {
        try check(indicator, inputs: inputs.map { UnsafeRawBufferPointer($0) }, outputs: outputs)
    }

    /// Every column type the kernels read (`Double`, `Int64` timestamps) is 8 bytes wide.
    private static func rowCount(_ buffer: UnsafeRawBufferPointer) -> Int { buffer.count / 8 }

    private static func overlap(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard let a0 = a.baseAddress, let b0 = b.baseAddress, !a.isEmpty, !b.isEmpty else { return false }
        return a0 < b0 + b.count && b0 < a0 + a.count
    }
}
