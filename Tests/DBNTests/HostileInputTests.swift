import CZstd
import DBN
import Foundation
import Host
import Testing

/// Broken and hostile inputs: each is a `DBNError` of the right kind naming the byte offset, never a crash.
@Suite("DBN hostile inputs")
struct HostileInputTests {
    static let plainTrades = Locations.dbnFolder + "/dbn/test_data.trades.dbn"  // DBN v2, 2 trades
    static let zstdTrades = Locations.dbnFolder + "/databento-python/test_data.trades.dbn.zst"

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Decodes and returns the error (nil when the input decoded).
    static func failure(_ bytes: [UInt8]) -> DBNError? {
        do { _ = try Decoded(bytes: bytes, name: "hostile.dbn"); return nil } catch let error as DBNError {
            return error
        } catch {
            Issue.record("not a DBNError: \(error)")
            return nil
        }
    }

    /// Where the records of the plain trades file start (after the metadata).
    static func metadataEnd(_ bytes: [UInt8]) -> Int {
        8 + Int(UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24)
    }

    @Test("a truncation anywhere: 'truncated' at the partial record, or fewer records at a record boundary",
          .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"))
    func truncatedPlain() throws {
        let file = try Self.bytes(Self.plainTrades)
        let start = Self.metadataEnd(file)
        let recordLength = Int(file[start]) * 4
        for cut in 0..<file.count {
            let error = Self.failure(Array(file[..<cut]))
            if cut >= start, (cut - start) % recordLength == 0 {
                #expect(error == nil, "cut at \(cut) is a record boundary")
                continue
            }
            let e = try #require(error, "cut at \(cut) decoded")
            #expect(e.kind == .truncated, "cut at \(cut): \(e)")
            if cut > start { #expect(e.offset == UInt64(start + (cut - start) / recordLength * recordLength), "cut at \(cut): \(e)") }
            #expect(e.description.contains("hostile.dbn"))
        }
    }

    @Test("a truncated .zst file at every offset fails cleanly or decodes fewer records",
          .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"))
    func truncatedZstd() throws {
        let file = try Self.bytes(Self.zstdTrades)
        var kinds: [DBNError.Kind: Int] = [:]
        for cut in 0..<file.count {
            if let error = Self.failure(Array(file[..<cut])) { kinds[error.kind, default: 0] += 1 }
        }
        #expect(Set(kinds.keys).isSubset(of: [.corruptZstd, .truncated, .wrongMagic]), "\(kinds)")
        #expect((kinds[.corruptZstd] ?? 0) > file.count / 2, "\(kinds)")
        // The large file cut mid-frame: the error gives both offsets.
        let mbo = try Self.bytes(Locations.mboFile)
        let e = try #require(Self.failure(Array(mbo[..<(mbo.count / 2)])))
        #expect(e.kind == .corruptZstd)
        #expect(e.compressedOffset == UInt64(mbo.count / 2))
        #expect(e.offset > 1_000_000)
        #expect(e.description.contains("decompressed DBN stream") && e.description.contains("compressed file"))
    }

    @Test("a wrong magic, an unknown version, an oversize metadata length")
    func badPrelude() throws {
        let file = try Self.bytes(Self.plainTrades)
        var wrong = file
        wrong[0] = UInt8(ascii: "X")
        #expect(Self.failure(wrong)?.kind == .wrongMagic)
        #expect(Self.failure(Array("PK\u{3}\u{4} not a dbn file".utf8))?.kind == .wrongMagic)
        var version9 = file
        version9[3] = 9
        let e = try #require(Self.failure(version9))
        #expect(e.kind == .unknownVersion && e.offset == 3 && e.message.contains("9"))
        var huge = file
        huge[4...7] = [0xF0, 0xFF, 0xFF, 0xFF]
        #expect(Self.failure(huge)?.kind == .truncated)
        var short = file
        short[4...7] = [10, 0, 0, 0]
        #expect(Self.failure(short)?.kind == .badMetadata)
        #expect(Self.failure([])?.kind == .truncated)
    }

    @Test("an unknown rtype, a record length of 0, a length shorter than the record type")
    func badRecords() throws {
        let file = try Self.bytes(Self.plainTrades)
        let start = Self.metadataEnd(file)
        var rtype = file
        rtype[start + 1] = 0x77
        let unknown = try #require(Self.failure(rtype))
        #expect(unknown.kind == .unknownRecordType && unknown.offset == UInt64(start + 1) && unknown.message.contains("0x77"))
        var zero = file
        zero[start] = 0
        let zeroError = try #require(Self.failure(zero))
        #expect(zeroError.kind == .badRecordLength && zeroError.offset == UInt64(start))
        var shorter = file
        shorter[start] = 8  // 32 bytes: a header and less than a TradeMsg (48)
        let shortError = try #require(Self.failure(shorter))
        #expect(shortError.kind == .badRecordLength && shortError.message.contains("TradeMsg"))
    }

    @Test("a corrupt zstd frame")
    func corruptZstd() throws {
        let file = try Self.bytes(Self.plainTrades)
        var frame = Self.compress(file, checksum: true)
        frame[frame.count - 2] ^= 0xFF  // the content checksum
        let e = try #require(Self.failure(frame))
        #expect(e.kind == .corruptZstd && e.compressedOffset != nil)
        var header = Self.compress(file, checksum: false)
        header[4] |= 0x08  // a reserved bit of the frame header descriptor
        #expect(Self.failure(header)?.kind == .corruptZstd)
        // A valid frame followed by bytes that are not a frame.
        #expect(Self.failure(Self.compress(file, checksum: false) + [1, 2, 3, 4, 5, 6, 7, 8])?.kind == .corruptZstd)
    }

    @Test("several zstd frames and skippable frames decode whole")
    func multipleFrames() throws {
        let file = try Self.bytes(Self.plainTrades)
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9]
        // Frame boundaries inside the metadata and inside a record.
        let framed = skippable + Self.compress(Array(file[..<50]), checksum: true) + skippable
            + Self.compress(Array(file[50..<(file.count - 7)]), checksum: false) + Self.compress(Array(file[(file.count - 7)...]), checksum: true)
        let plain = try Decoded(bytes: file)
        let zstd = try Decoded(bytes: framed)
        #expect(zstd.count == 2)
        #expect(zstd.metadata == plain.metadata)
        #expect(zstd.records == plain.records)
    }

    @Test("a DBN error is the host's bad-input error (exit 65) naming the file and offset")
    func hostMapping() {
        let error = EdgehostError(dbn: DBNError(.unknownRecordType, file: "x.dbn", offset: 17, "unknown record type (rtype) 0x77"))
        #expect(error.exit == .badInput)
        #expect(error.code == "dbn-unknown-rtype")
        #expect(error.description == "x.dbn: unknown record type (rtype) 0x77 at byte 17 of the decompressed DBN stream [dbn-unknown-rtype]")
    }

    static func compress(_ bytes: [UInt8], checksum: Bool) -> [UInt8] {
        let cctx = ZSTD_createCCtx()
        defer { ZSTD_freeCCtx(cctx) }
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, checksum ? 1 : 0)
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let n = out.withUnsafeMutableBytes { o in
            bytes.withUnsafeBytes { i in ZSTD_compress2(cctx, o.baseAddress, o.count, i.baseAddress, i.count) }
        }
        precondition(ZSTD_isError(n) == 0)
        return Array(out[..<n])
    }
}

extension HostileInputTests {
    @Test("the host's error model classifies a DBNError thrown anywhere")
    func anyDBNErrorIsClassified() {
        let error = EdgehostError(DBNError(.truncated, file: "t.dbn", offset: 9, "the file ends inside a record of 48 bytes (3 left)"))
        #expect(error.exit == .badInput && error.code == "dbn-truncated" && error.object == "t.dbn")
    }
}

extension HostileInputTests {
    @Test("the records before a bad one are returned, then the error")
    func recordsBeforeTheBadOne() throws {
        let file = try Self.bytes(Self.plainTrades)
        let start = Self.metadataEnd(file)
        var second = file
        second[start + Int(file[start]) * 4 + 1] = 0x77  // the second record's rtype
        let decoder = try DBNDecoder(source: DBNDataSource(second), file: "second.dbn")
        #expect(try decoder.nextBatch()?.count == 1)
        #expect(throws: DBNError.self) { try decoder.nextBatch() }
    }
}
