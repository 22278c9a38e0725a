import DBN

extension EdgehostError {
    /// A DBN file that cannot be read is bad input (65), except an unreadable file (I/O, 74).
    /// The message keeps the decompressed-stream offset DBN errors carry.
    public init(dbn error: DBNError) {
        self.init(code: error.kind.rawValue, object: error.file, "\(error.message) at \(error.location)",
                  exit: error.kind == .io ? .io : .badInput, cause: error)
    }

    /// Runs `body`, reporting a `DBNError` as an `EdgehostError`.
    static func reportingDBN<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DBNError { throw EdgehostError(dbn: error) }
    }
}
