import Foundation

/// The strategies a pack ships (`strategies/<name>.yaml` among its resources), and the
/// resolution of a `--strategies` entry: a path to a YAML file, else a shipped name.
public struct StrategyCatalogue: Sendable {
    /// Resource name → YAML bytes, as a loaded pack holds them.
    public let resources: [String: [UInt8]]
    public let pack: String

    public init(pack: String, resources: [String: [UInt8]]) {
        self.pack = pack
        self.resources = resources
    }

    public var names: [String] {
        resources.keys.filter { $0.hasPrefix("strategies/") && $0.hasSuffix(".yaml") }
            .map { String($0.dropFirst("strategies/".count).dropLast(".yaml".count)) }.sorted()
    }

    /// `entry` as a file when it names one (has a `/` or ends in .yaml/.yml), else the pack's strategy of that name.
    public func resolve(_ entry: String) throws -> StrategyBlueprint {
        if entry.contains("/") || entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
            guard FileManager.default.fileExists(atPath: entry) else {
                throw EdgehostError(code: "unknown-strategy", object: entry, "no such strategy file", exit: .badInput)
            }
            return try StrategyBlueprint.read(path: entry)
        }
        let source = "strategies/\(entry).yaml"
        guard let bytes = resources[source] else {
            let known = names.isEmpty ? "it ships none" : "known: \(names.joined(separator: ", "))"
            throw EdgehostError(code: "unknown-strategy", object: entry, "pack '\(pack)' has no strategy '\(entry)' (\(known)); or give a path to a YAML file", exit: .badInput)
        }
        let where_ = "\(pack):\(source)"
        return try StrategyBlueprint(json: try YAMLDocument.parse(String(decoding: bytes, as: UTF8.self), source: where_), source: where_)
    }
}
