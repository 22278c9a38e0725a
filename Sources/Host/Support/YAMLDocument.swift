import PackKit
import Yams

/// YAML read into the same `JSON` tree the ABI uses. Scalars keep YAML 1.1 core types except
/// timestamps, which stay strings: `2024-07-01` is a date to us, not an instant.
public enum YAMLDocument {
    /// Parses one document within the limits of `YAMLLimits` (checked before Yams composes
    /// anything); errors name `source` and quote input with its control bytes escaped.
    public static func parse(_ text: String, source: String) throws(WorkspaceError) -> JSON {
        try YAMLLimits.check(text, source: source)
        let node: Node?, parser: Parser
        do {
            // No resolver while composing: Yams would run its regular expressions on every
            // scalar, twice (duplicate-key hashing, then `tag`); `scalarType` runs them once,
            // and only on text that can be a number, bool or null.
            parser = try Parser(yaml: text, resolver: .basic)
            node = try parser.singleRoot()
        } catch {
            throw WorkspaceError("\(source): invalid YAML: \(EscapedText.text(String(describing: error), keepNewlines: true))")
        }
        guard let node else { throw WorkspaceError("\(source): the document is empty") }
        var converted: [String: (node: Node, json: JSON)] = [:]
        // Nodes hold their anchors weakly; the parser owns them, so it must outlive the conversion.
        return try withExtendedLifetime(parser) { () throws(WorkspaceError) in try convert(node, source: source, &converted) }
    }

    /// `converted` holds each anchored node's JSON: an alias is a copy of its anchor's node, so
    /// it is converted once, not once per use (a fuzzed 9-level alias chain of 600,000 scalars
    /// within the node budget took 26 s). The node is compared too, as an anchor may be reused.
    private static func convert(_ node: Node, source: String, _ converted: inout [String: (node: Node, json: JSON)]) throws(WorkspaceError) -> JSON {
        guard let anchor = node.anchor?.rawValue else { return try convertNew(node, source: source, &converted) }
        if let done = converted[anchor], done.node == node { return done.json }
        let json = try convertNew(node, source: source, &converted)
        converted[anchor] = (node, json)
        return json
    }

    private static func convertNew(_ node: Node, source: String, _ converted: inout [String: (node: Node, json: JSON)]) throws(WorkspaceError) -> JSON {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                switch scalarType(node, scalar) {
                case Tag.Name.null.rawValue: return .null
                case Tag.Name.bool.rawValue: if let b = node.bool { return .bool(b) }
                case Tag.Name.int.rawValue: if let i = node.int { return .number(Double(i)) }
                case Tag.Name.float.rawValue: if let f = node.float { return .number(f) }
                default: break
                }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var out: [JSON] = []
            for item in sequence { out.append(try convert(item, source: source, &converted)) }
            return .array(out)
        case .mapping(let mapping):
            var out: [String: JSON] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { throw WorkspaceError("\(source)\(location(key)): keys must be strings") }
                guard out[name] == nil else { throw WorkspaceError("\(source)\(location(key)): duplicate key '\(EscapedText.text(name))'") }
                out[name] = try convert(value, source: source, &converted)
            }
            return .object(out)
        case .alias:
            // Yams resolves aliases to their anchored node while composing; this is for completeness.
            throw WorkspaceError("\(source)\(location(node)): unresolved YAML alias")
        }
    }

    /// Words YAML 1.1 reads as a bool or null; any other scalar starting with a letter is a string.
    private static let typedWords: Set<String> = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                                                   "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", ""]

    /// The YAML 1.1 core type of a plain scalar, as Yams's default resolver gives it. The
    /// resolver's regular expressions cost 0.1–1 ms a scalar in a debug build (40,000 features
    /// took 26 s), so they run only where a number, bool or null is possible.
    private static func scalarType(_ node: Node, _ scalar: Node.Scalar) -> String {
        guard scalar.tag.rawValue.isEmpty else { return scalar.tag.rawValue }  // an explicit tag (`!!float 1`)
        let first = scalar.string.utf8.first ?? 0
        let numeric = (0x30...0x39).contains(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
        guard numeric || typedWords.contains(scalar.string) else { return Tag.Name.str.rawValue }
        return Resolver.default.resolveTag(of: node).rawValue
    }

    private static func location(_ node: Node) -> String {
        node.mark.map { ", line \($0.line)" } ?? ""
    }
}

/// Reads a JSON object key by key and rejects keys nobody asked for, so a typo in a
/// configuration file is an error rather than a silently ignored setting.
public struct ObjectReader {
    private let object: [String: JSON]
    private let context: String
    private var used: Set<String> = []

    public init(_ json: JSON, context: String) throws(WorkspaceError) {
        guard case .object(let o) = json else { throw WorkspaceError("\(context): expected a mapping of keys to values") }
        object = o
        self.context = context
    }

    public mutating func value(_ key: String) -> JSON? {
        used.insert(key)
        if case .null? = object[key] { return nil }
        return object[key]
    }

    public mutating func string(_ key: String) throws(WorkspaceError) -> String {
        guard let s = try optionalString(key) else {
            throw WorkspaceError("\(context): '\(key)' is required (given: \(object.keys.sorted().joined(separator: ", ")))")
        }
        return s
    }

    public mutating func optionalString(_ key: String) throws(WorkspaceError) -> String? {
        switch value(key) {
        case nil: return nil
        case .string(let s)?: return s
        case .number(let n)?: return JSON.number(n).text
        case let other?: throw WorkspaceError("\(context): '\(key)' must be a string, got \(other.text)")
        }
    }

    public mutating func object(_ key: String) throws(WorkspaceError) -> [String: JSON] {
        switch value(key) {
        case nil: return [:]
        case .object(let o)?: return o
        case let other?: throw WorkspaceError("\(context): '\(key)' must be a mapping, got \(other.text)")
        }
    }

    public mutating func array(_ key: String) throws(WorkspaceError) -> [JSON] {
        switch value(key) {
        case nil: return []
        case .array(let a)?: return a
        case let other?: throw WorkspaceError("\(context): '\(key)' must be a list, got \(other.text)")
        }
    }

    /// Fails on any key that was not read.
    public func finish() throws(WorkspaceError) {
        let unknown = object.keys.filter { !used.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw WorkspaceError("\(context): unknown key\(unknown.count > 1 ? "s" : "") \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (known: \(used.sorted().joined(separator: ", ")))")
        }
    }
}
