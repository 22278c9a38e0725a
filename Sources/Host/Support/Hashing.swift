import Crypto
import Foundation

/// SHA-256 hex digests: what every artifact records about the inputs that made it.
public enum Hashing {
    public static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
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
