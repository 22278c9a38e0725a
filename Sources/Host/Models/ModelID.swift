/// The one rule for a model id, which names a file and folders in the workspace and the registry
/// (`models/<id>.json`, `matrices/<id>/`, `registry/<id>/<version>/`): every path builder checks
/// it, so no id can leave those folders.
public enum ModelID {
    /// Longest id accepted: it becomes a file name (255 bytes at most), with room for a prefix.
    public static let maxLength = 64

    /// 1–64 ASCII letters, digits, `_`, `-`, `.`, starting with a letter or a digit (so never
    /// `.`, `..`, a hidden name, or something that reads as an option).
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= maxLength, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Throws a short message (the id is echoed only when it is short) unless `id` is valid.
    public static func check(_ id: String, what: String = "model id") throws(WorkspaceError) {
        guard !isValid(id) else { return }
        guard id.utf8.count <= maxLength else {
            throw WorkspaceError("\(what) '\(id.prefix(20))…' is \(id.utf8.count) bytes long; at most \(maxLength) are allowed")
        }
        throw WorkspaceError("\(what) '\(id)' is invalid: use 1–\(maxLength) letters, digits, '_', '-' and '.', starting with a letter or digit")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
