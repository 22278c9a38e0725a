#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        let children = columns.map { column in
            ExportedSchema(format: column.data.arrowFormat, name: column.name, children: [])
        }
        ExportedSchema(format: "+s", name: "", children: children).write(into: schema)
    }

    /// Fills `array` with this frame's data.
    public func exportArray(into array: UnsafeMutablePointer<ArrowArray>) {
        let children = columns.map { ExportedArray(column: $0.data) }
        ExportedArray(length: rowCount, buffers: [nil], keepAlive: [], children: children).write(into: array)
    }
}

/// A schema node under construction; `write` moves it into a C struct.
private struct ExportedSchema {
    var format: String
    var name: String
    var children: [ExportedSchema]

    func write(into out: UnsafeMutablePointer<ArrowSchema>) {
        let state = SchemaState(format: format, name: name, childCount: children.count)
        for (i, child) in children.enumerated() {
            child.write(into: state.children.structs + i)
            state.children.pointers[i] = state.children.structs + i
        }
        out.initialize(to: ArrowSchema(
            format: UnsafePointer(state.format), name: UnsafePointer(state.name), metadata: nil,
            flags: 0, n_children: Int64(children.count),
            children: children.isEmpty ? nil : state.children.pointers, dictionary: nil,
            release: releaseExportedSchema,
            private_data: Unmanaged.passRetained(state).toOpaque()))
    }
}

/// The children of an exported node: one allocation of structs plus the pointer array Arrow
/// wants. Children still owned at the parent's release are released with it; a consumer may
/// have moved some out (their `release` is then NULL).
private final class ExportedChildren<Node> {
    let count: Int
    let structs: UnsafeMutablePointer<Node>
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Node>?>
    private let release: (UnsafeMutablePointer<Node>) -> Void

    init(count: Int, release: @escaping (UnsafeMutablePointer<Node>) -> Void) {
        self.count = count
        self.release = release
        structs = .allocate(capacity: max(count, 1))
        pointers = .allocate(capacity: max(count, 1))
    }

    deinit {
        for i in 0..<count { release(pointers[i]!) }
        structs.deallocate()
        pointers.deallocate()
    }
}

private final class SchemaState {
    let format: UnsafeMutablePointer<CChar>
    let name: UnsafeMutablePointer<CChar>
    let children: ExportedChildren<ArrowSchema>

    init(format: String, name: String, childCount: Int) {
        self.format = strdup(format)
        self.name = strdup(name)
        children = ExportedChildren(count: childCount) { $0.pointee.release?($0) }
    }

    deinit {
        free(format)
        free(name)
    }
}

private let releaseExportedSchema: edgehost_arrow_schema_release_fn = { schema in
    guard let schema, let state = schema.pointee.private_data else { return }
    Unmanaged<SchemaState>.fromOpaque(state).release()
    schema.pointee.release = nil
    schema.pointee.private_data = nil
}

/// An array node under construction; `write` moves it into a C struct.
private struct ExportedArray {
    var length: Int
    var buffers: [UnsafeRawPointer?]
    var keepAlive: [AnyObject]
    var children: [ExportedArray]

    init(length: Int, buffers: [UnsafeRawPointer?], keepAlive: [AnyObject], children: [ExportedArray]) {
        self.length = length
        self.buffers = buffers
        self.keepAlive = keepAlive
        self.children = children
    }

    init(column: ColumnData) {
        switch column {
        case .float64(let c): self.init(numeric: c)
        case .int64(let c), .timestamp(let c): self.init(numeric: c)
        case .utf8(let strings): self.init(utf8: strings)
        case .bool(let values): self.init(bool: values)
        }
    }

    private init<T>(numeric column: NumericColumn<T>) {
        // Borrowed input memory dies when the call returns; only owned memory may be shared.
        let buffer = column.buffer.isBorrowed
            ? ColumnBuffer(count: column.count) { out in
                _ = out.initialize(from: UnsafeBufferPointer(start: column.buffer.pointer, count: column.count))
            }
            : column.buffer
        self.init(length: column.count, buffers: [nil, UnsafeRawPointer(buffer.pointer)], keepAlive: [buffer], children: [])
    }

    private init(utf8 strings: [String]) {
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
        self.init(length: strings.count, buffers: [nil, UnsafeRawPointer(offsets.pointer), UnsafeRawPointer(data.pointer)],
                  keepAlive: [offsets, data], children: [])
    }

    private init(bool values: [Bool]) {
        let bits = ColumnBuffer<UInt8>(count: (values.count + 7) / 8) { out in
            out.initialize(repeating: 0)
            for (i, v) in values.enumerated() where v { out[i >> 3] |= UInt8(1) << UInt8(i & 7) }
        }
        self.init(length: values.count, buffers: [nil, UnsafeRawPointer(bits.pointer)], keepAlive: [bits], children: [])
    }

    func write(into out: UnsafeMutablePointer<ArrowArray>) {
        let state = ArrayState(buffers: buffers, keepAlive: keepAlive, childCount: children.count)
        for (i, child) in children.enumerated() {
            child.write(into: state.children.structs + i)
            state.children.pointers[i] = state.children.structs + i
        }
        out.initialize(to: ArrowArray(
            length: Int64(length), null_count: 0, offset: 0,
            n_buffers: Int64(buffers.count), n_children: Int64(children.count),
            buffers: state.buffers, children: children.isEmpty ? nil : state.children.pointers, dictionary: nil,
            release: releaseExportedArray,
            private_data: Unmanaged.passRetained(state).toOpaque()))
    }
}

private final class ArrayState {
    let buffers: UnsafeMutablePointer<UnsafeRawPointer?>
    let keepAlive: [AnyObject]
    let children: ExportedChildren<ArrowArray>

    init(buffers: [UnsafeRawPointer?], keepAlive: [AnyObject], childCount: Int) {
        self.buffers = .allocate(capacity: max(buffers.count, 1))
        self.buffers.initialize(from: buffers, count: buffers.count)
        self.keepAlive = keepAlive
        children = ExportedChildren(count: childCount) { $0.pointee.release?($0) }
    }

    deinit {
        buffers.deallocate()
    }
}

private let releaseExportedArray: edgehost_arrow_array_release_fn = { array in
    guard let array, let state = array.pointee.private_data else { return }
    Unmanaged<ArrayState>.fromOpaque(state).release()
    array.pointee.release = nil
    array.pointee.private_data = nil
}
