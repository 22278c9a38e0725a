import Foundation

/// Raw bytes of a DBN file, compressed or not, read front to back.
public protocol DBNByteSource: AnyObject {
    /// Fills the start of `buffer` and returns the count; 0 means the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read with POSIX `read` in the caller's chunks: nothing is mapped or loaded whole.
public final class DBNFileSource: DBNByteSource {
    private let fd: Int32
    public let path: String

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DBNError(.io, file: path, offset: 0, "cannot open: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Foundation.read(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw DBNError(.io, file: path, offset: 0, "read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// Bytes already in memory (tests, fuzzing, a downloaded body).
public final class DBNDataSource: DBNByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}
