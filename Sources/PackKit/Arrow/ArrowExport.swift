import PluginAPI

/// Writes frames into Arrow C Data Interface structs, zero-copy for numeric columns.
///
/// Ownership follows the Arrow specification: the consumer calls `release` once on the
/// top-level struct; that releases every child; afterwards `release` is NULL.
extension Frame {
    /// Fills `schema` and `array` (empty structs owned by the caller) with this frame as a
    /// record batch. The caller must eventually call both `release` callbacks.
    public func exportArrow(schema: UnsafeMutablePointer<ArrowSchema>, array: UnsafeMutablePointer<ArrowArray>) {
        exportSchema(into: schema)
        exportArray(into: array)
    }

    /// Fills `schema` with this frame's schema (a struct "+s" whose children are the columns).
    public func exportSchema(into schema: UnsafeMutablePointer<ArrowSchema>) {
        // Every format and name, NUL-terminated, in one allocation the batch frees.
        let strings = [("+s", "")] + columns.map { ($0.data.arrowFormat, $0.name) }
        let text = UnsafeMutablePointer<CChar>.allocate(capacity: strings.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 2 })
        var at = 0
        func put(_ s: String) -> UnsafePointer<CChar> {
            let start = text + at
            for byte in s.utf8 { text[at] = CChar(bitPattern: byte); at += 1 }
            text[at] = 0
            at += 1
            return UnsafePointer(start)
        }
        let batch = ExportedBatch<ArrowSchema>(count: columns.count, memory: UnsafeMutableRawPointer(text), keepAlive: [])
        func node(_ format: String, _ name: String, children: Int) -> ArrowSchema {
            ArrowSchema(format: put(format), name: put(name), metadata: nil, flags: 0, n_children: Int64(children),
                        children: children == 0 ? nil : batch.pointers, dictionary: nil,
                        release: releaseExportedSchema, private_data: batch.retained())
        }
        for (i, (format, name)) in strings.dropFirst().enumerated() { batch.initialize(i, node(format, name, children: 0)) }
        schema.initialize(to: node("+s", "", children: columns.count))
    }

    /// Fills `array` with this frame's data.
    public func exportArray(into array: UnsafeMutablePointer<ArrowArray>) {
        // The batch's one (absent) validity buffer, then each column's buffers, in one allocation.
        var slots: [UnsafeRawPointer?] = [nil], first: [Int] = [], keepAlive: [AnyObject] = []
        slots.reserveCapacity(2 * columns.count + 1)
        first.reserveCapacity(columns.count + 1)
        keepAlive.reserveCapacity(columns.count)
        for column in columns {
            first.append(slots.count)
            ExportedBuffers.append(column.data, to: &slots, keepAlive: &keepAlive)
        }
        first.append(slots.count)
        let buffers = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: slots.count)
        buffers.initialize(from: slots, count: slots.count)
        let batch = ExportedBatch<ArrowArray>(count: columns.count, memory: UnsafeMutableRawPointer(buffers), keepAlive: keepAlive)
        func node(length: Int, buffers slot: Int, _ n: Int, children: Int) -> ArrowArray {
            ArrowArray(length: Int64(length), null_count: 0, offset: 0, n_buffers: Int64(n), n_children: Int64(children),
                       buffers: buffers + slot, children: children == 0 ? nil : batch.pointers, dictionary: nil,
                       release: releaseExportedArray, private_data: batch.retained())
        }
        for (i, column) in columns.enumerated() {
            batch.initialize(i, node(length: column.data.count, buffers: first[i], first[i + 1] - first[i], children: 0))
        }
        array.initialize(to: node(length: rowCount, buffers: 0, 1, children: columns.count))
    }
}

/// The memory of one exported schema or array: the columns' C structs, the pointer array Arrow
/// wants, the strings or buffer pointers they point into, and the column storage they keep
/// alive, in one object instead of several per column (the live monitor hands its labeler a
/// 56-column frame every cycle). Every node a consumer still owns holds one reference: a
/// column moved out, as Arrow allows, keeps the memory alive after its parent's release.
private final class ExportedBatch<Node> {
    let structs: UnsafeMutablePointer<Node>
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Node>?>
    private let memory: UnsafeMutableRawPointer
    private let keepAlive: [AnyObject]

    init(count: Int, memory: UnsafeMutableRawPointer, keepAlive: [AnyObject]) {
        structs = .allocate(capacity: max(count, 1))
        pointers = .allocate(capacity: max(count, 1))
        self.memory = memory
        self.keepAlive = keepAlive
    }

    func initialize(_ i: Int, _ node: Node) {
        (structs + i).initialize(to: node)
        pointers[i] = structs + i
    }

    /// One reference for a node's `private_data`; its release callback gives it back.
    func retained() -> UnsafeMutableRawPointer { Unmanaged.passRetained(self).toOpaque() }

    static func release(_ reference: UnsafeMutableRawPointer?) {
        if let reference { Unmanaged<ExportedBatch>.fromOpaque(reference).release() }
    }

    deinit {
        structs.deallocate()
        pointers.deallocate()
        memory.deallocate()
    }
}

// A parent releases the children the consumer did not move out (their `release` is still set).
private let releaseExportedSchema: edgehost_arrow_schema_release_fn = { schema in
    guard let schema, schema.pointee.release != nil else { return }
    for i in 0..<Int(schema.pointee.n_children) { schema.pointee.children?[i].map { $0.pointee.release?($0) } }
    let batch = schema.pointee.private_data
    schema.pointee.release = nil
    schema.pointee.private_data = nil
    ExportedBatch<ArrowSchema>.release(batch)
}

private let releaseExportedArray: edgehost_arrow_array_release_fn = { array in
    guard let array, array.pointee.release != nil else { return }
    for i in 0..<Int(array.pointee.n_children) { array.pointee.children?[i].map { $0.pointee.release?($0) } }
    let batch = array.pointee.private_data
    array.pointee.release = nil
    array.pointee.private_data = nil
    ExportedBatch<ArrowArray>.release(batch)
}

/// A column's Arrow buffers (validity first, always absent: edgehost frames have no nulls).
private enum ExportedBuffers {
    static func append(_ column: ColumnData, to slots: inout [UnsafeRawPointer?], keepAlive: inout [AnyObject]) {
        switch column {
        case .float64(let c): numeric(c, &slots, &keepAlive)
        case .int64(let c), .timestamp(let c): numeric(c, &slots, &keepAlive)
        case .utf8(let strings): utf8(strings, &slots, &keepAlive)
        case .bool(let values): bool(values, &slots, &keepAlive)
        }
    }

    private static func numeric<T>(_ column: NumericColumn<T>, _ slots: inout [UnsafeRawPointer?], _ keepAlive: inout [AnyObject]) {
        // Borrowed input memory dies when the call returns; only owned memory may be shared.
        let buffer = column.buffer.isBorrowed
            ? ColumnBuffer(count: column.count) { out in
                _ = out.initialize(from: UnsafeBufferPointer(start: column.buffer.pointer, count: column.count))
            }
            : column.buffer
        slots.append(nil)
        slots.append(UnsafeRawPointer(buffer.pointer))
        keepAlive.append(buffer)
    }

    private static func utf8(_ strings: [String], _ slots: inout [UnsafeRawPointer?], _ keepAlive: inout [AnyObject]) {
        let bytes = strings.reduce(0) { $0 + $1.utf8.count }
        precondition(bytes <= Int(Int32.max), "utf8 column larger than 2 GiB")
        var offset: Int32 = 0
        let offsets = ColumnBuffer<Int32>(count: strings.count + 1) { out in
            out[0] = 0
            for (i, s) in strings.enumerated() {
                offset += Int32(s.utf8.count)
                out[i + 1] = offset
            }
        }
        let data = ColumnBuffer<UInt8>(count: bytes) { out in
            var at = 0
            for s in strings {
                for byte in s.utf8 { out[at] = byte; at += 1 }
            }
        }
        slots.append(nil)
        slots.append(UnsafeRawPointer(offsets.pointer))
        slots.append(UnsafeRawPointer(data.pointer))
        keepAlive.append(offsets)
        keepAlive.append(data)
    }

    private static func bool(_ values: [Bool], _ slots: inout [UnsafeRawPointer?], _ keepAlive: inout [AnyObject]) {
        let bits = ColumnBuffer<UInt8>(count: (values.count + 7) / 8) { out in
            out.initialize(repeating: 0)
            for (i, v) in values.enumerated() where v { out[i >> 3] |= UInt8(1) << UInt8(i & 7) }
        }
        slots.append(nil)
        slots.append(UnsafeRawPointer(bits.pointer))
        keepAlive.append(bits)
    }
}
