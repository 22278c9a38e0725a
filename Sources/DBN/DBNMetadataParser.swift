/// Reads the metadata block (everything after the 8-byte prelude) with a bounds check on every
/// field, so a lying count or length is an error naming its offset, never an out-of-range read.
struct DBNMetadataParser {
    /// Fixed part of the metadata after the prelude, as in DBN (`METADATA_FIXED_LEN`).
    static let fixedLength = 100
    static let datasetLength = 16

    let bytes: UnsafeRawBufferPointer
    /// Offset of `bytes[0]` in the decompressed stream.
    let base: UInt64
    let file: String
    var position = 0

    private func failure(_ message: String) -> DBNError {
        DBNError(.badMetadata, file: file, offset: base + UInt64(position), message)
    }

    private mutating func take(_ count: Int, _ what: String) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - position else {
            throw failure("metadata ends inside \(what) (needs \(count) bytes, \(bytes.count - position) left)")
        }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws -> T {
        T(littleEndian: try take(MemoryLayout<T>.size, what).loadUnaligned(as: T.self))
    }

    private mutating func cString(_ length: Int, _ what: String) throws -> String {
        DBNText.decode(try take(length, what))
    }

    private mutating func symbolList(_ length: Int, _ what: String) throws -> [String] {
        let count = try integer(UInt32.self, "the count of \(what)")
        // Each entry needs `length` bytes: refuse a count the block cannot hold before reserving.
        guard UInt64(count) * UInt64(max(length, 1)) <= UInt64(bytes.count - position) else {
            throw failure("\(count) \(what) do not fit in the metadata")
        }
        return try (0..<count).map { _ in try cString(length, what) }
    }

    mutating func parse(version: UInt8, encodedLength: Int) throws -> DBNMetadata {
        let dataset = try cString(Self.datasetLength, "dataset")
        let rawSchema = try integer(UInt16.self, "schema")
        var schema: DBNSchema?
        if rawSchema != UInt16.max {
            guard let known = DBNSchema(rawValue: rawSchema) else { throw failure("unknown schema \(rawSchema)") }
            schema = known
        }
        let start = try integer(UInt64.self, "start")
        let end = try integer(UInt64.self, "end")
        let limit = try integer(UInt64.self, "limit")
        if version == 1 { _ = try integer(UInt64.self, "record_count") }  // deprecated, unused
        let rawStypeIn = try integer(UInt8.self, "stype_in")
        var stypeIn: DBNSType?
        if rawStypeIn != UInt8.max {
            guard let known = DBNSType(rawValue: rawStypeIn) else { throw failure("unknown stype_in \(rawStypeIn)") }
            stypeIn = known
        }
        let rawStypeOut = try integer(UInt8.self, "stype_out")
        guard let stypeOut = DBNSType(rawValue: rawStypeOut) else { throw failure("unknown stype_out \(rawStypeOut)") }
        let tsOut = try integer(UInt8.self, "ts_out") != 0
        let symbolLength = version == 1 ? 22 : Int(try integer(UInt16.self, "symbol_cstr_len"))
        guard symbolLength > 0 else { throw failure("symbol_cstr_len is 0") }
        _ = try take(version == 1 ? 47 : 53, "the reserved bytes")
        let schemaDefinitionLength = try integer(UInt32.self, "schema_definition_length")
        guard schemaDefinitionLength == 0 else { throw failure("schema definitions are not supported (length \(schemaDefinitionLength))") }
        let symbols = try symbolList(symbolLength, "symbols")
        let partial = try symbolList(symbolLength, "partial symbols")
        let notFound = try symbolList(symbolLength, "not-found symbols")
        let mappingCount = try integer(UInt32.self, "the count of symbol mappings")
        guard UInt64(mappingCount) * UInt64(symbolLength + 4) <= UInt64(bytes.count - position) else {
            throw failure("\(mappingCount) symbol mappings do not fit in the metadata")
        }
        var mappings: [DBNMetadata.SymbolMapping] = []
        for _ in 0..<mappingCount {
            let raw = try cString(symbolLength, "a mapping's raw symbol")
            let intervalCount = try integer(UInt32.self, "a mapping's interval count")
            guard UInt64(intervalCount) * UInt64(symbolLength + 8) <= UInt64(bytes.count - position) else {
                throw failure("\(intervalCount) mapping intervals of \(raw) do not fit in the metadata")
            }
            let intervals = try (0..<intervalCount).map { _ in
                DBNMetadata.MappingInterval(startDate: try integer(UInt32.self, "an interval's start date"),
                                            endDate: try integer(UInt32.self, "an interval's end date"),
                                            symbol: try cString(symbolLength, "an interval's symbol"))
            }
            mappings.append(.init(rawSymbol: raw, intervals: intervals))
        }
        return DBNMetadata(version: version, dataset: dataset, schema: schema, start: start,
                           end: end == UInt64.max ? nil : end, limit: limit == 0 ? nil : limit,
                           stypeIn: stypeIn, stypeOut: stypeOut, tsOut: tsOut, symbolCStrLen: symbolLength,
                           symbols: symbols, partial: partial, notFound: notFound, mappings: mappings,
                           encodedLength: encodedLength)
    }
}

/// Fixed-width C strings of DBN: the text up to the first NUL.
enum DBNText {
    static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
    }
}
