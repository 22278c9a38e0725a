import Foundation

/// Writes that never leave a half-written file: the bytes go to a temporary file in the same
/// folder, which is then renamed over the target (rename is atomic within a file system).
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
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
}

/// A workspace file or folder could not be read or written, or holds something invalid.
public struct WorkspaceError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
