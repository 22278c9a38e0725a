import CSHA256
import Foundation

/// SHA-256 hex digests: what every artifact records about the inputs that made it.
public enum Hashing {
    public static func sha256(_ bytes: some DataProtocol) -> String {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.hex()
    }

    /// The 32 bytes of the digest.
    public static func sha256Digest(_ bytes: some DataProtocol) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.digest()
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// The digest of a file, or of a folder: its regular files' relative paths and digests,
    /// sorted, so the result does not depend on listing order.
    public static func sha256(path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw WorkspaceError("\(path): no such file or folder")
        }
        guard isDirectory.boolValue else {
            guard let data = FileManager.default.contents(atPath: path) else { throw WorkspaceError("\(path): cannot read") }
            return sha256(data)
        }
        let names = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
        var lines: [String] = []
        for name in names {
            let full = (path as NSString).appendingPathComponent(name)
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue {
                lines.append("\(name) \(try sha256(path: full))")
            }
        }
        return sha256(lines.joined(separator: "\n"))
    }
}

/// SHA-256 fed in pieces, for inputs larger than memory.
public struct SHA256Hasher {
    private var context = edgehost_sha256_ctx()

    public init() { edgehost_sha256_init(&context) }

    public mutating func update(_ bytes: some DataProtocol) {
        for region in bytes.regions {
            region.withUnsafeBytes { edgehost_sha256_update(&context, $0.baseAddress, $0.count) }
        }
    }

    /// The 32 bytes of the digest; the hasher is spent afterwards.
    public mutating func digest() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        edgehost_sha256_final(&context, &digest)
        return digest
    }

    /// The digest in lowercase hex; the hasher is spent afterwards.
    public mutating func hex() -> String {
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: digest().flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
    }
}
