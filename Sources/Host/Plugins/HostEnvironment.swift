import Foundation

/// Configuration and secrets for packs: the process environment first, then a `.env` file
/// (KEY=VALUE lines, `#` comments, optional quotes). Values are never logged.
public struct HostEnvironment: Sendable {
    private let process: [String: String]
    private let dotEnv: [String: String]

    public init(process: [String: String] = ProcessInfo.processInfo.environment, dotEnvPath: String? = nil) {
        self.process = process
        dotEnv = dotEnvPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }.map(HostEnvironment.parse) ?? [:]
    }

    public func value(_ name: String) -> String? { process[name] ?? dotEnv[name] }

    static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { continue }
            var key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            var value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            out[key] = value
        }
        return out
    }
}

/// The host's version, reported to packs and by `edgehost --version`.
public enum EdgehostVersion {
    public static let current = "0.1.0"
}
