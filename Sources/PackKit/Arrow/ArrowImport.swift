import PluginAPI

/// How an imported Arrow array's memory is held.
public enum ArrowOwnership: Sendable {
    /// Move the array in: the frame owns it and calls `release` when its last column is gone.
    case take
    /// The producer keeps ownership and the memory lives only for the current call (a host
    /// input handed to a pack). Numeric columns point into it; export copies them.
    case borrow
}

/// Keeps a moved-in Arrow array alive while columns point into its buffers.
private final class ImportedArray {
    let array: UnsafeMutablePointer<ArrowArray>

    init(moving source: UnsafeMutablePointer<ArrowArray>) {
        array = .allocate(capacity: 1)
        array.initialize(to: source.pointee)
        // Arrow's move semantics: the source is now released from the producer's view.
        source.pointee.release = nil
    }

    deinit {
        array.pointee.release?(array)
        array.deallocate()
    }
}

extension Frame {
    /// Reads a record batch (struct "+s") from Arrow C structs.
    ///
    /// With `.take`, the schema is released before returning and the array is moved into the
    /// frame, also when this throws. With `.borrow`, neither is touched.
    /// Float64 nulls become NaN; nulls of other types are rejected.
    public init(arrowSchema schema: UnsafeMutablePointer<ArrowSchema>, array: UnsafeMutablePointer<ArrowArray>,
                ownership: ArrowOwnership) throws(FrameError) {
        var owner: ImportedArray?
        if ownership == .take {
            owner = ImportedArray(moving: array)
        }
        defer {
            if ownership == .take { schema.pointee.release?(schema) }
        }
        let source = owner?.array ?? array
        self = try Frame.read(schema: schema.pointee, array: source.pointee, owner: owner)
    }

    private static func read(schema: ArrowSchema, array: ArrowArray, owner: AnyObject?) throws(FrameError) -> Frame {
        guard schema.release != nil, array.release != nil else { throw FrameError("Arrow struct already released") }
        let format = schema.format.map { String(cString: $0) } ?? ""
        guard format == "+s" else { throw FrameError("expected a record batch (struct \"+s\"), got format \"\(format)\"") }
        guard schema.n_children == array.n_children else {
            throw FrameError("schema has \(schema.n_children) columns but the array has \(array.n_children)")
        }
        guard array.length >= 0, array.offset >= 0 else { throw FrameError("negative length or offset") }
        var columns: [Column] = []
        columns.reserveCapacity(Int(schema.n_children))
        for i in 0..<Int(schema.n_children) {
            guard let childSchema = schema.children?[i], let childArray = array.children?[i] else {
                throw FrameError("column \(i) is missing its schema or array")
            }
            let name = childSchema.pointee.name.map { String(cString: $0) } ?? "column_\(i)"
            let reader = ColumnReader(name: name, schema: childSchema.pointee, array: childArray.pointee,
                                      offset: Int(array.offset), length: Int(array.length), owner: owner)
            columns.append(Column(name, try reader.read()))
        }
        return try Frame(columns)
    }
}

/// Reads one child array of a record batch.
private struct ColumnReader {
    let name: String
    let schema: ArrowSchema
    let array: ArrowArray
    /// The parent's offset applies on top of the child's own.
    let offset: Int
    let length: Int
    let owner: AnyObject?

    var format: String { schema.format.map { String(cString: $0) } ?? "" }
    var start: Int { offset + Int(array.offset) }

    func read() throws(FrameError) -> ColumnData {
        guard array.length >= Int64(offset + length) else {
            throw FrameError("column '\(name)' has \(array.length) rows, the batch needs \(offset + length)")
        }
        switch format {
        case "g":
            return .float64(try numeric(Double.self, nullValue: .nan))
        case "l":
            try rejectNulls()
            return .int64(try numeric(Int64.self, nullValue: nil))
        case "tsn:UTC":
            try rejectNulls()
            return .timestamp(try numeric(Int64.self, nullValue: nil))
        case "u":
            try rejectNulls()
            return .utf8(try strings(offsetType: Int32.self))
        case "U":
            try rejectNulls()
            return .utf8(try strings(offsetType: Int64.self))
        case "b":
            try rejectNulls()
            return .bool(try booleans())
        default:
            if format.hasPrefix("ts") {
                throw FrameError("column '\(name)' has timestamp format \"\(format)\"; edgehost needs timestamp[ns, UTC] (\"tsn:UTC\")")
            }
            throw FrameError("column '\(name)' has unsupported Arrow format \"\(format)\" (supported: g, l, tsn:UTC, u, U, b)")
        }
    }

    private var hasNulls: Bool {
        array.null_count != 0 && array.n_buffers > 0 && array.buffers?[0] != nil
    }

    private func rejectNulls() throws(FrameError) {
        if hasNulls { throw FrameError("column '\(name)' has nulls; edgehost frames allow missing values only as NaN in float64 columns") }
    }

    private func buffer(_ index: Int) throws(FrameError) -> UnsafeRawPointer {
        guard array.n_buffers > index, let pointer = array.buffers?[index] else {
            if length == 0, let empty = UnsafeRawPointer(bitPattern: 8) { return empty }
            throw FrameError("column '\(name)' (\(format)) lacks buffer \(index)")
        }
        return pointer
    }

    private func isValid(_ i: Int) -> Bool {
        guard hasNulls, let bits = array.buffers?[0] else { return true }
        let bit = start + i
        return bits.load(fromByteOffset: bit >> 3, as: UInt8.self) & (1 << UInt8(bit & 7)) != 0
    }

    private func numeric<T: BitwiseCopyable>(_: T.Type, nullValue: T?) throws(FrameError) -> NumericColumn<T> {
        let base = try buffer(1).assumingMemoryBound(to: T.self) + start
        if hasNulls, let nullValue {
            return NumericColumn(count: length) { out in
                for i in 0..<length { out[i] = isValid(i) ? base[i] : nullValue }
            }
        }
        let holder: ColumnBuffer<T>.Owner = owner.map { .retained($0) } ?? .borrowed
        return NumericColumn(buffer: ColumnBuffer(pointer: base, count: length, owner: holder))
    }

    private func strings<O: FixedWidthInteger>(offsetType: O.Type) throws(FrameError) -> [String] {
        let offsets = try buffer(1).assumingMemoryBound(to: O.self) + start
        let data = try buffer(2).assumingMemoryBound(to: UInt8.self)
        var out: [String] = []
        out.reserveCapacity(length)
        for i in 0..<length {
            let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
            guard lo >= 0, hi >= lo else { throw FrameError("column '\(name)' has invalid utf8 offsets at row \(i)") }
            out.append(String(decoding: UnsafeBufferPointer(start: data + lo, count: hi - lo), as: UTF8.self))
        }
        return out
    }

    private func booleans() throws(FrameError) -> [Bool] {
        let bits = try buffer(1)
        return (0..<length).map { i in
            let bit = start + i
            return bits.load(fromByteOffset: bit >> 3, as: UInt8.self) & (1 << UInt8(bit & 7)) != 0
        }
    }
}
