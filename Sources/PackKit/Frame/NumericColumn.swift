/// A column of fixed-width numbers (float64, int64, timestamps) over a shared buffer.
///
/// It is a `RandomAccessCollection`, so pack code reads it like an array:
/// ```swift
/// let close = try input.float64("close")
/// let last = close[close.count - 1]
/// ```
public struct NumericColumn<Element: BitwiseCopyable>: RandomAccessCollection, Sendable {
    let buffer: ColumnBuffer<Element>

    init(buffer: ColumnBuffer<Element>) { self.buffer = buffer }

    /// A column holding a copy of `values`.
    public init(_ values: [Element]) {
        buffer = ColumnBuffer(count: values.count) { out in
            _ = out.initialize(from: values)
        }
    }

    /// A column of `count` elements written by `body` in place, without an intermediate array.
    public init(count: Int, initializingWith body: (UnsafeMutableBufferPointer<Element>) throws -> Void) rethrows {
        buffer = try ColumnBuffer(count: count, initializingWith: body)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { buffer.count }

    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < buffer.count, "column index \(position) out of range 0..<\(buffer.count)")
        return buffer.pointer[position]
    }

    /// Calls `body` with the column's contiguous storage (valid during the call only).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    /// The storage itself, for generic code that copies or scans contiguous storage when it
    /// can (rather than a loop over the checked subscript).
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    /// The first `n` elements, sharing storage.
    public func prefix(rows n: Int) -> NumericColumn {
        let n = Swift.min(Swift.max(n, 0), buffer.count)
        return NumericColumn(buffer: ColumnBuffer(pointer: buffer.pointer, count: n, owner: .retained(buffer)))
    }
}

public typealias Float64Column = NumericColumn<Double>
public typealias Int64Column = NumericColumn<Int64>
