/// A DBN file that cannot be decoded: what is wrong, in which file, and where.
///
/// `offset` counts bytes of the *decompressed* DBN stream (the same as the file's offset for an
/// uncompressed file); `compressedOffset`, for zstd input, is the byte offset in the file itself.
public struct DBNError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The failure classes; each has its own stable `code` spelling.
    public enum Kind: String, Sendable {
        case wrongMagic = "dbn-wrong-magic"
        case unknownVersion = "dbn-unknown-version"
        case truncated = "dbn-truncated"
        case badMetadata = "dbn-bad-metadata"
        case unknownRecordType = "dbn-unknown-rtype"
        case badRecordLength = "dbn-record-length"
        case corruptZstd = "dbn-corrupt-zstd"
        case io = "dbn-io"
    }

    public var kind: Kind
    /// The file (or the name given to an in-memory source).
    public var file: String
    /// Byte offset in the decompressed DBN stream.
    public var offset: UInt64
    /// Byte offset in the compressed file, when the input is zstd.
    public var compressedOffset: UInt64?
    public var message: String

    public init(_ kind: Kind, file: String, offset: UInt64, compressedOffset: UInt64? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.offset = offset
        self.compressedOffset = compressedOffset
        self.message = message
    }

    /// `<message> at byte <offset> of the decompressed stream[ (byte <n> of the file)]`.
    public var location: String {
        let compressed = compressedOffset.map { " (byte \($0) of the compressed file)" } ?? ""
        return "byte \(offset) of the decompressed DBN stream\(compressed)"
    }

    public var description: String { "\(file): \(message) at \(location) [\(kind.rawValue)]" }
}
