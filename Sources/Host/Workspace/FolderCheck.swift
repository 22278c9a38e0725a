import Foundation
import PackKit

/// Checks a folder the user named (workspace, registry) before any command uses it, so a path
/// that is a file says so instead of a raw `NSCocoaErrorDomain` 512/516 dump, or an empty
/// listing with exit status 0. A missing folder is fine: the commands that write create it.
public enum FolderCheck {
    /// Throws when `path`, or the nearest part of it that exists, is not a folder.
    public static func check(_ path: String, what: String, option: String) throws(WorkspaceError) {
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        var existing = full
        while !existing.isEmpty, existing != "/", !FileManager.default.fileExists(atPath: existing) {
            existing = (existing as NSString).deletingLastPathComponent
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder), !isFolder.boolValue else { return }
        let shown = EscapedText.text(full)
        if existing == full {
            throw WorkspaceError("the \(what) \(shown) is a file, not a folder: give \(option) a folder (a missing one is created)")
        }
        throw WorkspaceError("the \(what) \(shown) cannot be a folder: \(EscapedText.text(existing)) is a file; give \(option) another path")
    }
}
