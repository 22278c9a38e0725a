/// The parameters an instance was created with: validated by the host and completed with
/// defaults, so every declared parameter is present.
public struct Params: Sendable {
    public let values: [String: JSON]

    public init(_ values: [String: JSON]) { self.values = values }

    public init(json: String) throws(ComponentError) {
        do {
            guard case .object(let o) = try JSON.parse(json) else { throw ComponentError("parameters must be a JSON object") }
            values = o
        } catch let error as JSONError {
            throw ComponentError("parameters: \(error.message)")
        } catch {
            throw ComponentError("parameters: \(error)")
        }
    }

    public func int(_ name: String) throws(ComponentError) -> Int {
        guard let n = values[name]?.doubleValue, n.rounded() == n, abs(n) < 9e15 else { throw missing(name, "an integer") }
        return Int(n)
    }

    public func double(_ name: String) throws(ComponentError) -> Double {
        guard let n = values[name]?.doubleValue else { throw missing(name, "a number") }
        return n
    }

    public func bool(_ name: String) throws(ComponentError) -> Bool {
        guard let b = values[name]?.boolValue else { throw missing(name, "true or false") }
        return b
    }

    public func string(_ name: String) throws(ComponentError) -> String {
        guard let s = values[name]?.stringValue else { throw missing(name, "a string") }
        return s
    }

    private func missing(_ name: String, _ kind: String) -> ComponentError {
        ComponentError("parameter '\(name)' must be \(kind), got \(values[name]?.text ?? "nothing")")
    }
}

/// An error a component reports to the host; its message becomes the ABI's `last_error`.
public struct ComponentError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var status: Int32

    /// `status` is one of the header's EDGEHOST_ERR_* codes (default: invalid argument).
    public init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
