/// Streams a DBN file (versions 1–3, plain or zstd) into column batches.
///
/// ```swift
/// let decoder = try DBNDecoder(path: "trades.dbn.zst")
/// print(decoder.metadata.dataset)
/// while let batch = try decoder.nextBatch() { print(batch.rtype, batch.count) }
/// ```
/// Memory stays bounded by the read buffer and one batch, whatever the file size.
public final class DBNDecoder {
    public let metadata: DBNMetadata
    /// The file's name in errors.
    public let file: String
    private let reader: DBNStreamReader
    private let layouts: [DBNRecordLayout?]
    /// Each rtype's record size (0: unknown rtype), so the per-record loop copies no layout.
    private let recordSizes: [Int]
    /// Decompressed bytes; `buffer[start..<end]` are not yet decoded.
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    /// Stream offset of `buffer[0]`.
    private var base: UInt64 = 0
    private var ended = false
    private let readSize: Int

    /// Opens `path` and reads its metadata.
    public convenience init(path: String, readSize: Int = 1 << 20) throws {
        try self.init(source: try DBNFileSource(path: path), file: path, readSize: readSize)
    }

    /// Reads the metadata of `source`; `file` names it in errors.
    public init(source: any DBNByteSource, file: String, readSize: Int = 1 << 20) throws {
        self.file = file
        self.readSize = max(readSize, 4096)
        reader = try DBNStreamReader(source: source, file: file)
        buffer = .allocate(byteCount: self.readSize * 2, alignment: 16)
        do {
            metadata = try Self.readMetadata(reader: reader, file: file, buffer: &buffer, end: &end, ended: &ended,
                                             readSize: self.readSize)
        } catch {
            buffer.deallocate()
            throw error
        }
        start = metadata.encodedLength
        let table = DBNRecordLayouts.table(version: metadata.version)
        layouts = metadata.tsOut ? table.map { $0?.withTsOut() } : table
        recordSizes = layouts.map { $0?.size ?? 0 }
    }

    deinit { buffer.deallocate() }

    /// Whether the input was zstd-compressed.
    public var isCompressed: Bool { reader.isCompressed }

    // MARK: Buffer

    /// Makes at least `count` undecoded bytes available, compacting and growing the buffer as
    /// data arrives (never ahead of it, so a lying length cannot reserve memory). False at the end.
    private func fill(_ count: Int) throws -> Bool {
        while end - start < count {
            if ended { return false }
            if start > 0, buffer.count - end < readSize {
                let pending = end - start
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending)
                base += UInt64(start)
                start = 0
                end = pending
            }
            Self.makeRoom(&buffer, used: end, for: readSize)
            let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<(end + readSize)]),
                                    streamOffset: base + UInt64(end))
            if n == 0 { ended = true } else { end += n }
        }
        return true
    }

    /// Doubles `buffer` (keeping its first `used` bytes) until `size` more bytes fit after them.
    private static func makeRoom(_ buffer: inout UnsafeMutableRawBufferPointer, used: Int, for size: Int) {
        while buffer.count - used < size {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: used)
            buffer.deallocate()
            buffer = grown
        }
    }

    private static func readMetadata(reader: DBNStreamReader, file: String, buffer: inout UnsafeMutableRawBufferPointer,
                                     end: inout Int, ended: inout Bool, readSize: Int) throws -> DBNMetadata {
        func fill(_ count: Int) throws -> Bool {
            while end < count, !ended {
                makeRoom(&buffer, used: end, for: readSize)
                let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<(end + readSize)]),
                                        streamOffset: UInt64(end))
                if n == 0 { ended = true } else { end += n }
            }
            return end >= count
        }
        _ = try fill(8)
        let signature: [UInt8] = [0x44, 0x42, 0x4E]  // "DBN"
        for i in 0..<3 {
            guard i < end else {
                throw DBNError(.truncated, file: file, offset: UInt64(end), "the file ends inside the DBN signature")
            }
            guard buffer[i] == signature[i] else {
                throw DBNError(.wrongMagic, file: file, offset: UInt64(i),
                               "not a DBN file: it starts with neither \"DBN\" nor a zstd frame")
            }
        }
        guard end > 3 else { throw DBNError(.truncated, file: file, offset: UInt64(end), "the file ends before the DBN version") }
        let version = buffer[3]
        guard (1...3).contains(version) else {
            throw DBNError(.unknownVersion, file: file, offset: 3, "unknown DBN version \(version) (this decoder reads 1, 2 and 3)")
        }
        guard end >= 8 else { throw DBNError(.truncated, file: file, offset: UInt64(end), "the file ends inside the metadata length") }
        let length = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        guard length >= DBNMetadataParser.fixedLength else {
            throw DBNError(.badMetadata, file: file, offset: 4, "metadata length \(length) is shorter than its fixed part (100 bytes)")
        }
        guard try fill(8 + length) else {
            throw DBNError(.truncated, file: file, offset: UInt64(end), "the file ends inside the metadata (\(8 + length) bytes announced)")
        }
        var parser = DBNMetadataParser(bytes: UnsafeRawBufferPointer(rebasing: buffer[8..<(8 + length)]), base: 8, file: file)
        return try parser.parse(version: version, encodedLength: 8 + length)
    }

    // MARK: Records

    /// The next run of records of one rtype, at most `maxRecords`; nil at the end of the file.
    public func nextBatch(maxRecords: Int = 65_536) throws -> DBNBatch? {
        var offsets: [Int] = []
        offsets.reserveCapacity(min(maxRecords, 65_536))
        var rtype: UInt8 = 0
        // Offsets point into the buffer, which moves only while `offsets` is still empty. A bad
        // record ends the batch first, so the records before it are returned and the next call throws.
        while offsets.count < max(maxRecords, 1) {
            if end == start {
                guard offsets.isEmpty, try fill(1) else { break }
            }
            let length = Int(buffer[start]) * 4
            guard length >= 16 else {
                if !offsets.isEmpty { break }
                throw DBNError(.badRecordLength, file: file, offset: base + UInt64(start),
                               "record length \(length) is shorter than a record header (16 bytes)")
            }
            if end - start < length {
                if !offsets.isEmpty { break }
                guard try fill(length) else {
                    throw DBNError(.truncated, file: file, offset: base + UInt64(start),
                                   "the file ends inside a record of \(length) bytes (\(end - start) left)")
                }
            }
            let recordType = buffer[start + 1]
            if !offsets.isEmpty, recordType != rtype { break }
            let size = recordSizes[Int(recordType)]
            guard size > 0 else {
                if !offsets.isEmpty { break }
                throw DBNError(.unknownRecordType, file: file, offset: base + UInt64(start) + 1,
                               "unknown record type (rtype) 0x\(String(recordType, radix: 16))")
            }
            guard length >= size else {
                if !offsets.isEmpty { break }
                throw DBNError(.badRecordLength, file: file, offset: base + UInt64(start),
                               "record length \(length) is shorter than a \(layouts[Int(recordType)]!.name) (\(size) bytes)")
            }
            rtype = recordType
            offsets.append(start)
            start += length
        }
        guard let first = offsets.first, let layout = layouts[Int(rtype)] else { return nil }
        let bytes = UnsafeRawBufferPointer(buffer)
        let columns = layout.fields.map { DBNColumn(field: $0, values: Self.gather($0, bytes, offsets)) }
        return DBNBatch(rtype: rtype, layoutName: layout.name, count: offsets.count, columns: columns,
                        offset: base + UInt64(first))
    }

    /// One field of every record at `offsets`, column-wise: one tight loop per field.
    static func gather(_ field: DBNField, _ bytes: UnsafeRawBufferPointer, _ offsets: [Int]) -> DBNColumnValues {
        func load<T: FixedWidthInteger>(_: T.Type) -> [T] {
            Array(unsafeUninitializedCapacity: offsets.count) { out, initialized in
                for (i, offset) in offsets.enumerated() {
                    out[i] = T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + field.offset, as: T.self))
                }
                initialized = offsets.count
            }
        }
        switch field.type {
        case .uint8, .char: return .uint8(load(UInt8.self))
        case .int8: return .int8(load(Int8.self))
        case .uint16: return .uint16(load(UInt16.self))
        case .int16: return .int16(load(Int16.self))
        case .uint32: return .uint32(load(UInt32.self))
        case .int32: return .int32(load(Int32.self))
        case .uint64: return .uint64(load(UInt64.self))
        case .int64: return .int64(load(Int64.self))
        case .text(let width):
            return .text(offsets.map {
                DBNText.decode(UnsafeRawBufferPointer(rebasing: bytes[($0 + field.offset)..<($0 + field.offset + width)]))
            })
        case .padding: return .uint8([])
        }
    }
}
