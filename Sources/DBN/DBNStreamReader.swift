import CZstd

/// The decompressed DBN byte stream of a source: zstd is detected by its magic (a data frame,
/// 0xFD2FB528, or a skippable frame, 0x184D2A5?) and decoded with `ZSTD_decompressStream`, every
/// frame in turn; anything else passes through. Memory is two fixed buffers whatever the file size.
final class DBNStreamReader {
    private let source: any DBNByteSource
    private let file: String
    private var input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    private var dctx: OpaquePointer?
    /// Bytes of the file handed to zstd so far (the compressed offset of the next byte).
    private(set) var compressedConsumed: UInt64 = 0
    /// True while zstd is inside a frame (the last call returned a non-zero hint).
    private var frameOpen = false

    var isCompressed: Bool { dctx != nil }

    init(source: any DBNByteSource, file: String) throws {
        self.source = source
        self.file = file
        input = .allocate(byteCount: max(ZSTD_DStreamInSize(), 1 << 16), alignment: 16)
        // Enough bytes to tell zstd from raw DBN.
        while inputEnd < 4, !sourceEnded { try refill() }
        if inputEnd >= 4 {
            let magic = input.loadUnaligned(as: UInt32.self).littleEndian
            if magic == 0xFD2F_B528 || magic & 0xFFFF_FFF0 == 0x184D_2A50 {
                guard let ctx = ZSTD_createDCtx() else {
                    throw DBNError(.io, file: file, offset: 0, "zstd could not allocate a decompression context")
                }
                dctx = ctx
            }
        }
    }

    deinit {
        if let dctx { ZSTD_freeDCtx(dctx) }
        input.deallocate()
    }

    /// Appends source bytes after `inputEnd` (moving the unread ones to the front when needed).
    private func refill() throws {
        if inputStart == inputEnd { inputStart = 0; inputEnd = 0 }
        if inputEnd == input.count, inputStart > 0 {
            let pending = inputEnd - inputStart
            input.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: pending)
            inputStart = 0
            inputEnd = pending
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
        if n == 0 { sourceEnded = true } else { inputEnd += n }
    }

    /// Fills `out` as far as the input allows; returns the byte count, 0 only at the end.
    /// `streamOffset` is where `out` starts in the decompressed stream (for error messages).
    func read(into out: UnsafeMutableRawBufferPointer, streamOffset: UInt64) throws -> Int {
        guard let dctx else { return try readRaw(into: out) }
        var produced = 0
        while produced < out.count {
            if inputStart == inputEnd, !sourceEnded { try refill() }
            let exhausted = inputStart == inputEnd && sourceEnded
            if exhausted, !frameOpen { break }
            // With the input exhausted inside a frame, zstd may still hold output to flush.
            var inBuffer = ZSTD_inBuffer(src: input.baseAddress! + inputStart, size: inputEnd - inputStart, pos: 0)
            var outBuffer = ZSTD_outBuffer(dst: out.baseAddress! + produced, size: out.count - produced, pos: 0)
            let hint = ZSTD_decompressStream(dctx, &outBuffer, &inBuffer)
            if ZSTD_isError(hint) != 0 {
                let reason = String(cString: ZSTD_getErrorName(hint))
                throw DBNError(.corruptZstd, file: file, offset: streamOffset + UInt64(produced),
                               compressedOffset: compressedConsumed + UInt64(inBuffer.pos), "corrupt zstd data: \(reason)")
            }
            frameOpen = hint != 0
            inputStart += inBuffer.pos
            compressedConsumed += UInt64(inBuffer.pos)
            produced += outBuffer.pos
            if exhausted, frameOpen, outBuffer.pos == 0 {
                throw DBNError(.corruptZstd, file: file, offset: streamOffset + UInt64(produced),
                               compressedOffset: compressedConsumed, "zstd frame ends early (truncated file)")
            }
        }
        return produced
    }

    private func readRaw(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        var produced = 0
        // Bytes read while sniffing the magic come first.
        if inputStart < inputEnd {
            let n = min(out.count, inputEnd - inputStart)
            out.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: n)
            inputStart += n
            produced = n
        }
        while produced < out.count, !sourceEnded {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: out[produced...]))
            if n == 0 { sourceEnded = true } else { produced += n }
        }
        return produced
    }
}
