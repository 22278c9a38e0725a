import DBN
import Foundation

/// What the lake records about a DBN file: its metadata and, from decoding every record
/// (streaming, constant memory), the record count and the `ts_event` range. Decoding the whole
/// file is the validation: a malformed file fails here, before anything is written.
struct DBNFileScan {
    var metadata: DBNMetadata
    var records = 0
    var firstTsEvent: UInt64?
    var lastTsEvent: UInt64?

    init(path: String) throws {
        let decoder = try EdgehostError.reportingDBN { try DBNDecoder(path: path) }
        metadata = decoder.metadata
        try EdgehostError.reportingDBN {
            while let batch = try decoder.nextBatch() {
                records += batch.count
                guard case .uint64(let times)? = batch.column("ts_event")?.values else { continue }
                for t in times where t != DBNFormat.undefinedTimestamp {
                    firstTsEvent = min(firstTsEvent ?? t, t)
                    lastTsEvent = max(lastTsEvent ?? t, t)
                }
            }
        }
    }

    /// `2020-12-28`: the UTC date of the request's start (the metadata), which names the partition.
    var startDate: String { String((DBNFormat.timestamp(metadata.start) ?? "1970-01-01").prefix(10)) }
}

/// SHA-256 of a file read in blocks (bronze files can be larger than memory).
enum FileDigest {
    static func sha256(path: String) throws -> (digest: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw EdgehostError(code: "io", object: path, "cannot read the file", exit: .io)
        }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        var bytes = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(block)
            bytes += block.count
        }
        return (hasher.hex(), bytes)
    }
}
