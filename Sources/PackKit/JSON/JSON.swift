#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON value: how parameters, queries, facts and verdicts cross the ABI.
public enum JSON: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            // Integers print without a fraction so that "14" round-trips as 14.
            if n.rounded() == n, abs(n) < 9e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Parses UTF-8 JSON text strictly (RFC 8259: no duplicate keys, no trailing commas, finite
    /// numbers) within `maxDepth` and `maxBytes`; errors name the line and column.
    public static func parse(_ text: String) throws(JSONError) -> JSON {
        var text = text
        // withUTF8 rethrows untyped: carry the typed error out in a Result.
        return try text.withUTF8 { bytes in Result { () throws(JSONError) in try JSONParser.parse(bytes) } }.get()
    }

    /// The deepest nesting of arrays and objects `parse` accepts (README "Input limits").
    public static let maxDepth = 128
    /// The largest text `parse` accepts, in bytes (README "Input limits").
    public static let maxBytes = 64 << 20

    /// Serialises with sorted keys, so equal values give equal bytes.
    public var text: String { String(decoding: JSONWriter.bytes(self), as: UTF8.self) }

    /// `text` as UTF-8 bytes, for writers that send bytes.
    public var utf8: [UInt8] { JSONWriter.bytes(self) }

    /// A JSON string literal for `s`.
    public static func quote(_ s: String) -> String { JSON.string(s).text }

    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// A whole number an Int holds exactly (|n| ≤ 2^53), else nil; `Int(_:)` on a Double traps on NaN or 1e300.
    public var intValue: Int? {
        if case .number(let n) = self, n.rounded() == n, abs(n) <= 9_007_199_254_740_992 { return Int(n) }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

public struct JSONError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
