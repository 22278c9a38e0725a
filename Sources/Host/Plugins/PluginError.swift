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
    /// The status a pack function returned (`EDGEHOST_ERR_IO` …), when one failed.
    public var packStatus: Int32?

    public init(_ code: Code, file: String?, status: Int32? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.packStatus = status
        self.message = message
    }

    /// `3 (EDGEHOST_ERR_IO)`: a pack's status as the header spells it, for messages.
    public static func statusText(_ status: Int32) -> String {
        let names = ["EDGEHOST_OK", "EDGEHOST_ERR_INVALID_ARGUMENT", "EDGEHOST_ERR_DATA", "EDGEHOST_ERR_IO",
                     "EDGEHOST_ERR_UNSUPPORTED", "EDGEHOST_ERR_INTERNAL", "EDGEHOST_ERR_NO_MEMORY"]
        return names.indices.contains(Int(status)) ? "\(status) (\(names[Int(status)]))" : "\(status) (unknown status)"
    }

    public var description: String {
        if let file { return "\(file): \(message) [\(code)]" }
        return "\(message) [\(code)]"
    }
}
