import Foundation

/// An exclusive `flock` on a file (`registry/.lock`): serialises writers across processes and
/// threads (each holder opens its own descriptor). The kernel drops it when a holder dies, so a
/// killed writer never leaves the registry locked.
struct FileLock {
    let path: String

    func withLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkspaceError("\(path): cannot open the lock file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw WorkspaceError("\(path): cannot lock: \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// Writes that survive a crash or power loss: temp file, fsync, rename, fsync of the folder.
/// (AtomicFile only renames, which is enough for reports but not for the registry.)
enum DurableFile {
    static func write(_ data: Data, to path: String) throws {
        // The rename replaces whatever has the name: only a regular file (AtomicFile's rule).
        try AtomicFile.checkTarget(path)
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temp = (folder as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).tmp-\(getpid())")
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkspaceError("\(temp): cannot create: \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WorkspaceError("\(path): cannot write durably: \(reason)")
        }
        try syncFolder(folder)
    }

    /// Makes renames and new names in `folder` durable.
    static func syncFolder(_ folder: String) throws {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw WorkspaceError("\(folder): cannot open the folder: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw WorkspaceError("\(folder): fsync failed: \(String(cString: strerror(errno)))") }
    }
}
