/// A pack could not be loaded or one of its components misbehaved.
///
/// Each failure has its own `code` so scripts and tests can tell them apart; the message
/// names the file, the pack and component where known, and what to do.
public struct PluginError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let missingFile = Code(rawValue: "missing-file")
        public static let notSharedObject = Code(rawValue: "not-shared-object")
        public static let loadFailed = Code(rawValue: "load-failed")
        public static let missingEntry = Code(rawValue: "missing-entry")
        public static let abiMismatch = Code(rawValue: "abi-mismatch")
        public static let structTooSmall = Code(rawValue: "struct-too-small")
        public static let invalidEntry = Code(rawValue: "invalid-entry")
        public static let duplicatePack = Code(rawValue: "duplicate-pack")
        public static let initFailed = Code(rawValue: "init-failed")
        public static let unknownPack = Code(rawValue: "unknown-pack")
        public static let noFactory = Code(rawValue: "no-factory")
        public static let unknownComponent = Code(rawValue: "unknown-component")
        public static let invalidParameters = Code(rawValue: "invalid-parameters")
        public static let componentFailed = Code(rawValue: "component-failed")
        public static let wrongRowCount = Code(rawValue: "wrong-row-count")
        public static let nonFiniteOutput = Code(rawValue: "non-finite-output")
        public static let badOutput = Code(rawValue: "bad-output")
    }

    public var code: Code
    /// The pack file concerned, when there is one.
    public var file: String?
    public var message: String

    public init(_ code: Code, file: String?, _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    public var description: String {
        if let file { return "\(file): \(message) [\(code)]" }
        return "\(message) [\(code)]"
    }
}
