import PackKit

/// An adapter's query as a JSON object (null reads as empty), with field reads whose errors name
/// the key: where every pack's query parser starts. Unknown keys are left alone, so a host can
/// pass one query to several adapters.
public struct QueryFields: Sendable {
    public let object: [String: JSON]

    public init(_ json: JSON) throws(ComponentError) {
        switch json {
        case .object(let o): object = o
        case .null: object = [:]
        default: throw ComponentError("query must be a JSON object, got \(json.text)")
        }
    }

    /// The key's text; nil when absent or null; an error for any other type.
    public func string(_ key: String) throws(ComponentError) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let s = value.stringValue else { throw ComponentError("query '\(key)' must be a string, got \(value.text)") }
        return s
    }

    /// A required date YYYY-MM-DD as days since 1970-01-01; `kind` says which calendar's dates
    /// the pack means ("date", "UTC date").
    public func date(_ key: String, kind: String = "date") throws(ComponentError) -> Int32 {
        guard let text = try string(key) else { throw ComponentError("query '\(key)' is required (a \(kind) YYYY-MM-DD)") }
        guard let day = MarketDate.parse(text) else { throw ComponentError("query '\(key)' must be a date YYYY-MM-DD, got '\(text)'") }
        return day
    }
}
