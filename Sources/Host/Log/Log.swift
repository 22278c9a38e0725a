import Foundation
import Synchronization

/// The host's log: one line per message on standard error, filtered by level.
public enum Log {
    public enum Level: Int, Comparable, Sendable, CaseIterable {
        case trace, debug, info, warn, error

        public init?(name: String) {
            guard let level = Level.allCases.first(where: { "\($0)" == name.lowercased() }) else { return nil }
            self = level
        }

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private static let threshold = Mutex(Level.warn)

    /// Messages below `level` are dropped.
    public static func setLevel(_ level: Level) { threshold.withLock { $0 = level } }

    public static var level: Level { threshold.withLock { $0 } }

    /// Warnings and errors from packs while a capture is open (see `capturingPackWarnings`).
    /// Task-local, not global: two pipelines in one process (the server's jobs, parallel tests)
    /// must not take, or close, each other's capture.
    @TaskLocal private static var captured: Capture?

    private final class Capture: Sendable {
        let lines = Mutex<[String]>([])
    }

    public static func write(_ level: Level, _ message: @autoclosure () -> String, source: String = "edgehost") {
        let capture = level >= .warn && source.hasPrefix("pack ")
        let teed = level >= .info && tee.withLock { $0 != nil }
        guard level >= Log.level || capture || teed else { return }
        let text = message()
        if teed { tee.withLock { $0.map { append("[\(level)] \(source): \(text)", to: $0) } } }
        // A captured warning reaches the user in the stage's report and summary; printing it
        // here too would say everything twice (unless they asked for verbose logs).
        let open = capture ? captured : nil
        open?.lines.withLock { $0.append("\(source): \(text)") }
        let taken = open != nil
        guard level >= Log.level, !taken || Log.level <= .info else { return }
        FileHandle.standardError.write(Data("[\(level)] \(source): \(text)\n".utf8))
    }

    /// The file a pipeline stage's log goes to while it runs (see `teeing`).
    private static let tee = Mutex<String?>(nil)

    /// Runs `body` with every message at info level or above also appended to `path` (a
    /// pipeline stage's `<stage>.log`), whatever the level on standard error. Not reentrant.
    public static func teeing<T>(to path: String, _ body: () throws -> T) rethrows -> T {
        tee.withLock { $0 = path }
        defer { tee.withLock { $0 = nil } }
        return try body()
    }

    /// Appends one line to `path`, creating the file and its folder when missing. Best effort:
    /// a log that cannot be written never fails the work it describes.
    public static func append(_ line: String, to path: String) {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = try? FileHandle(forWritingTo: url) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Runs `body` and returns what packs reported at warn level or above meanwhile (data
    /// gaps, dropped bars, missing chains), so reports can list them. Only what the pack logs on
    /// the calling thread, inside this task, is captured; an inner capture hides the outer one.
    public static func capturingPackWarnings<T>(_ body: () throws -> T) rethrows -> (T, [String]) {
        let capture = Capture()
        let result = try $captured.withValue(capture) { try body() }
        return (result, capture.lines.withLock { $0 })
    }
}
