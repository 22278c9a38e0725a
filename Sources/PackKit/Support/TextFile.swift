/// Text read from a file a person may have saved with another program.
public enum TextFile {
    /// `bytes` as UTF-8 without a leading byte-order mark: Excel writes one, and left in it
    /// becomes part of the first header name ("missing header 'ts'" for a file that has it).
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? String(decoding: bytes.dropFirst(3), as: UTF8.self) : String(decoding: bytes, as: UTF8.self)
    }
}
