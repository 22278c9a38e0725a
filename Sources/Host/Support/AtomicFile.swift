import Foundation

/// Writes that never leave a half-written file: the bytes go to a temporary file in the same
/// folder, which is then renamed over the target (rename is atomic within a file system).
///
/// The rename replaces whatever has the target's name, so the target must be a regular file or
/// absent: a device, FIFO, socket or folder is refused, and so is a symbolic link (the rename
/// would replace the link, not write where it points; name the file itself).
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try checkTarget(path)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temp = folder.appendingPathComponent(temporaryPrefix(url.lastPathComponent) + "\(getpid())")
            try data.write(to: temp)
            guard rename(temp.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw WorkspaceError("\(path): cannot replace the file: \(reason)")
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError("\(path): cannot write: \(error.localizedDescription)")
        }
    }

    public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// Throws unless `path` is absent or a regular file, and is none of `inputs` (compared by
    /// device and inode, so another spelling or a hard link of an input is caught too). Call it
    /// before the work, so a bad `--out` fails first; `write` checks again.
    public static func checkTarget(_ path: String, notOneOf inputs: [String] = []) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw WorkspaceError("\(path): is a symbolic link (to \(target)); refusing to replace it: write to the file itself")
        case S_IFDIR: throw WorkspaceError("\(path): is a folder; give a file name")
        default: throw WorkspaceError("\(path): is not a regular file (a device, FIFO or socket); refusing to replace it")
        }
        for input in inputs {
            var other = stat()
            if stat(input, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino {
                throw WorkspaceError("\(path): is the input \(input); refusing to overwrite an input: choose another output file")
            }
        }
    }

    /// Removes temporary files a killed writer left beside `path` (`.NAME.tmp-PID`): call it
    /// where one writer owns the file (a stage of one model).
    public static func removeLeftovers(of path: String) {
        let url = URL(fileURLWithPath: path)
        let prefix = temporaryPrefix(url.lastPathComponent)
        let folder = url.deletingLastPathComponent().path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    private static func temporaryPrefix(_ name: String) -> String { ".\(name).tmp-" }
}

/// A workspace file or folder could not be read or written, or holds something invalid.
public struct WorkspaceError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
