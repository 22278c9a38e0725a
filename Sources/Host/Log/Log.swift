import Foundation
import PackKit
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

    fileprivate final class Capture: Sendable {
        let lines = Mutex<[String]>([])
    }

    public static func write(_ level: Level, _ message: @autoclosure () -> String, source: String = "edgehost") {
        if let health = health, source.hasPrefix("pack ") {
            let text = message()
            if text.hasPrefix(AdapterHealth.logPrefix) { health.lines.withLock { $0.append(text) }; return }
        }
        let capture = level >= .warn && source.hasPrefix("pack ")
        let teePath = level >= .info ? tee : nil
        guard level >= Log.level || capture || teePath != nil else { return }
        let text = message()
        if let teePath { appending.withLock { _ in append("[\(level)] \(source): \(text)", to: teePath) } }
        // A captured warning reaches the user in the stage's report and summary; printing it
        // here too would say everything twice (unless they asked for verbose logs).
        let open = capture ? captured : nil
        open?.lines.withLock { $0.append("\(source): \(text)") }
        let taken = open != nil
        guard level >= Log.level, !taken || Log.level <= .info else { return }
        FileHandle.standardError.write(Data("[\(level)] \(source): \(text)\n".utf8))
    }

    /// The file a pipeline stage's log goes to while it runs (see `teeing`). Task-local for the
    /// same reason as `captured`: two pipelines in one process each keep their own stage log.
    @TaskLocal private static var tee: String?

    /// One line at a time into any stage log: workers of one stage append to the same file.
    private static let appending = Mutex(())

    /// Runs `body` with every message at info level or above also appended to `path` (a
    /// pipeline stage's `<stage>.log`), whatever the level on standard error. An inner stage's
    /// log hides the outer one's while it runs.
    public static func teeing<T>(to path: String, _ body: () throws -> T) rethrows -> T {
        try $tee.withValue(path) { try body() }
    }

    /// Where the calling task's messages go besides standard error (its stage log, its capture
    /// of pack warnings). Task-locals do not reach the threads of `concurrentPerform`: a flow
    /// that fans out takes its context first and runs each worker `within` it.
    public struct Context: Sendable {
        fileprivate let tee: String?
        fileprivate let captured: Capture?
    }

    public static var context: Context { Context(tee: tee, captured: captured) }

    public static func within<T>(_ context: Context, _ body: () throws -> T) rethrows -> T {
        try $tee.withValue(context.tee) { try $captured.withValue(context.captured) { try body() } }
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

    /// Adapter health lines (`AdapterHealth`) while `capturingAdapterHealth` runs; task-local like `captured`.
    @TaskLocal private static var health: Capture?

    /// Runs `body` (an adapter read) and returns the `AdapterHealth` figures packs reported
    /// meanwhile, in order; those lines are not logged.
    public static func capturingAdapterHealth<T>(_ body: () throws -> T) rethrows -> (T, [AdapterHealth]) {
        let capture = Capture()
        let result = try $health.withValue(capture) { try body() }
        let figures = capture.lines.withLock { $0 }.compactMap { line in
            (try? JSON.parse(String(line.dropFirst(AdapterHealth.logPrefix.count)))).flatMap(AdapterHealth.init(json:))
        }
        return (result, figures)
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
