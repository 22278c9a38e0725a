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

    public static func write(_ level: Level, _ message: @autoclosure () -> String, source: String = "edgehost") {
        guard level >= Log.level else { return }
        FileHandle.standardError.write(Data("[\(level)] \(source): \(message())\n".utf8))
    }
}
