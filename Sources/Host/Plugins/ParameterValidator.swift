import PackKit

/// Checks parameters against a component's declarations before the pack sees them, and
/// fills in defaults, so a pack receives exactly its declared parameters with valid values.
public enum ParameterValidator {
    public static func complete(_ given: [String: JSON], against specs: [ParamSpec], component: String) throws(PluginError) -> [String: JSON] {
        func fail(_ message: String) -> PluginError {
            PluginError(.invalidParameters, file: nil, "\(component): \(message)")
        }
        let known = Set(specs.map(\.name))
        if let unknown = given.keys.sorted().first(where: { !known.contains($0) }) {
            let list = specs.map(\.name).joined(separator: ", ")
            throw fail("unknown parameter '\(unknown)' (known: \(list.isEmpty ? "none" : list))")
        }
        var out: [String: JSON] = [:]
        for spec in specs {
            let value: JSON
            if let v = given[spec.name] {
                value = v
            } else if let text = spec.defaultJSON {
                guard let v = try? JSON.parse(text) else { throw fail("default of '\(spec.name)' is not valid JSON: \(text)") }
                value = v
            } else {
                throw fail("parameter '\(spec.name)' is required")
            }
            try check(value, spec, fail)
            out[spec.name] = value
        }
        return out
    }

    private static func check(_ value: JSON, _ spec: ParamSpec, _ fail: (String) -> PluginError) throws(PluginError) {
        switch (spec.type, value) {
        case (.int, .number(let n)) where n.rounded() == n:
            // Past 2^53 a Double no longer holds every integer, and packs read ints as Int64.
            guard abs(n) <= 9_007_199_254_740_992 else {
                throw fail("parameter '\(spec.name)' = \(JSON.number(n).text) is too large for an integer (limit ±9007199254740992)")
            }
            try range(n, spec, fail)
        case (.float, .number(let n)):
            try range(n, spec, fail)
        case (.bool, .bool), (.string, .string):
            break
        default:
            throw fail("parameter '\(spec.name)' must be \(spec.type.name), got \(value.text)")
        }
    }

    private static func range(_ n: Double, _ spec: ParamSpec, _ fail: (String) -> PluginError) throws(PluginError) {
        if let min = spec.min, n < min { throw fail("parameter '\(spec.name)' = \(JSON.number(n).text) is below its minimum \(JSON.number(min).text)") }
        if let max = spec.max, n > max { throw fail("parameter '\(spec.name)' = \(JSON.number(n).text) is above its maximum \(JSON.number(max).text)") }
    }
}
