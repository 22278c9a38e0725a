/// Why an indicator refused to run: a code to branch on plus a message naming the indicator
/// and the offending parameter, input or buffer.
///
/// Thrown before any output is written, so a caller's buffers are left untouched.
public struct IndicatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; a struct rather than an enum so codes can be added later.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A parameter is outside its range or is not an integer where one is required.
        public static let invalidParameter = Code(rawValue: "invalid_parameter")
        /// A parameter name the indicator does not declare.
        public static let unknownParameter = Code(rawValue: "unknown_parameter")
        /// A required input column (or `ts`) was not supplied.
        public static let missingInput = Code(rawValue: "missing_input")
        /// Inputs and outputs do not all have the same number of rows.
        public static let lengthMismatch = Code(rawValue: "length_mismatch")
        /// The wrong number of output buffers was supplied.
        public static let outputCount = Code(rawValue: "output_count")
        /// An output buffer overlaps an input or another output.
        public static let overlappingBuffers = Code(rawValue: "overlapping_buffers")
    }

    /// The kind of problem.
    public let code: Code
    /// The indicator id (for example `"sma"`) that rejected the call.
    public let indicator: String
    /// A sentence saying what was wrong and what was expected.
    public let message: String

    /// Creates an error for `indicator`.
    public init(_ code: Code, indicator: String, message: String) {
        self.code = code
        self.indicator = indicator
        self.message = message
    }

    public var description: String { "\(indicator): \(message)" }
}
