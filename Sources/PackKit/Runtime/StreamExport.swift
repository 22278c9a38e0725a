import PluginAPI

/// Exposes a `FrameSource` as an Arrow C stream.
enum StreamExport {
    static func export(_ source: any FrameSource, declared: [ColumnSpec], into out: UnsafeMutablePointer<ArrowArrayStream>) throws {
        // The first batch fixes the schema; an empty stream falls back to the declared columns.
        let first = try source.next()
        let schema = try first?.prefix(rows: 0) ?? Frame(declared.map(emptyColumn))
        let state = StreamState(source: source, pending: first, schema: schema)
        out.initialize(to: ArrowArrayStream(get_schema: streamGetSchema, get_next: streamGetNext,
                                            get_last_error: streamLastError, release: streamRelease,
                                            private_data: Unmanaged.passRetained(state).toOpaque()))
    }

    private static func emptyColumn(_ spec: ColumnSpec) -> Column {
        switch spec.format {
        case "tsn:UTC": .timestamp(spec.name, [])
        case "l": .int64(spec.name, [])
        case "u": .utf8(spec.name, [])
        case "b": .bool(spec.name, [])
        default: .float64(spec.name, [Double]())
        }
    }
}

private final class StreamState {
    let source: any FrameSource
    var pending: Frame?
    let schema: Frame
    let error = CMessage()

    init(source: any FrameSource, pending: Frame?, schema: Frame) {
        self.source = source
        self.pending = pending
        self.schema = schema
    }

    static func from(_ stream: UnsafeMutablePointer<ArrowArrayStream>?) -> StreamState? {
        guard let raw = stream?.pointee.private_data else { return nil }
        return Unmanaged<StreamState>.fromOpaque(raw).takeUnretainedValue()
    }

    func nextBatch() throws -> Frame? {
        if let batch = pending {
            pending = nil
            return batch
        }
        guard let batch = try source.next() else { return nil }
        guard batch.columnNames == schema.columnNames else {
            throw ComponentError("batch columns \(batch.columnNames) differ from the stream's schema \(schema.columnNames)")
        }
        return batch
    }
}

// errno values, as the Arrow stream interface asks for.
private let EIO: Int32 = 5
private let EINVAL: Int32 = 22

private let streamGetSchema: edgehost_arrow_stream_get_schema_fn = { stream, out in
    guard let state = StreamState.from(stream), let out else { return EINVAL }
    state.schema.exportSchema(into: out)
    return 0
}

private let streamGetNext: edgehost_arrow_stream_get_next_fn = { stream, out in
    guard let state = StreamState.from(stream), let out else { return EINVAL }
    do {
        if let batch = try state.nextBatch() {
            batch.exportArray(into: out)
        } else {
            // End of stream: a released (empty) array.
            out.initialize(to: ArrowArray())
        }
        return 0
    } catch {
        state.error.set("\(error)")
        return EIO
    }
}

private let streamLastError: edgehost_arrow_stream_last_error_fn = { stream in
    StreamState.from(stream)?.error.cString
}

private let streamRelease: edgehost_arrow_stream_release_fn = { stream in
    guard let stream, let raw = stream.pointee.private_data else { return }
    Unmanaged<StreamState>.fromOpaque(raw).release()
    stream.pointee.release = nil
    stream.pointee.private_data = nil
}
