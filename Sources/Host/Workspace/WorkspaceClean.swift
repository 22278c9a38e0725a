import Foundation

/// `edgehost clean`: removes what runs produce, inside the workspace only. `runtime` is the
/// run manifests, reports and event files (`runs/`, `reports/`, `events/`); `all` adds the
/// data lake (`lake/`). Models, matrices, artifacts and the registry are never touched.
public enum WorkspaceClean {
    public static let runtimeFolders = ["runs", "reports", "events"]
    public static let allFolders = runtimeFolders + ["lake"]

    /// One thing that would go: its path and how many files and bytes it holds.
    public struct Target: Sendable {
        public var path: String
        public var files: Int
        public var bytes: Int64
    }

    /// The folders of the scope that exist, with their sizes (nothing is removed).
    public static func targets(_ workspace: Workspace, all: Bool) -> [Target] {
        (all ? allFolders : runtimeFolders).compactMap { name in
            let path = workspace.path(name)
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            var files = 0, bytes: Int64 = 0
            // A symbolic link is listed as itself: removing it removes the link, never what it points to.
            if info.st_mode & S_IFMT == S_IFDIR, let walker = FileManager.default.enumerator(atPath: path) {
                for case let relative as String in walker {
                    var child = stat()
                    if lstat((path as NSString).appendingPathComponent(relative), &child) == 0, child.st_mode & S_IFMT == S_IFREG {
                        files += 1
                        bytes += Int64(child.st_size)
                    }
                }
            } else {
                files = 1
                bytes = Int64(info.st_size)
            }
            return Target(path: path, files: files, bytes: bytes)
        }
    }

    /// Removes `targets`, each of which must be one of the scope's folders directly under the
    /// workspace root (so a target list from elsewhere cannot reach outside it).
    public static func remove(_ targets: [Target], workspace: Workspace) throws {
        let allowed = Set(allFolders.map { workspace.path($0) })
        for target in targets {
            guard allowed.contains(target.path) else {
                throw WorkspaceError("\(target.path): not a folder `clean` may remove (only \(allFolders.joined(separator: ", ")) under \(workspace.root))")
            }
            do { try FileManager.default.removeItem(atPath: target.path) } catch {
                throw WorkspaceError("\(target.path): cannot remove: \(error.localizedDescription)")
            }
        }
    }
}
