import Foundation

/// The API key: `DATABENTO_API_KEY` from the environment, else from a `.env` file
/// (`DATABENTO_API_KEY=…`, optionally `export`ed and quoted). It is never printed: errors
/// name where it was looked for, not its value.
public enum DatabentoKey {
    public static let variable = "DATABENTO_API_KEY"

    public static func resolve(environment: [String: String], dotEnv: String = ".env") throws -> String {
        if let key = environment[variable]?.trimmingCharacters(in: .whitespaces), !key.isEmpty { return key }
        if let text = try? String(contentsOfFile: dotEnv, encoding: .utf8) {
            for line in text.split(whereSeparator: \.isNewline) {
                var entry = line.trimmingCharacters(in: .whitespaces)
                if entry.hasPrefix("export ") { entry = String(entry.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
                guard entry.hasPrefix(variable + "=") else { continue }
                var value = String(entry.dropFirst(variable.count + 1)).trimmingCharacters(in: .whitespaces)
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = String(value.dropFirst().dropLast())
                }
                if !value.isEmpty { return value }
            }
        }
        throw EdgehostError(code: "databento-no-key", object: variable,
                            "no API key: set \(variable) in the environment or in \(dotEnv)", exit: .usage)
    }
}
