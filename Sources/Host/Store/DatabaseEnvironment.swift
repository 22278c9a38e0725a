import Foundation

/// The runbook's database variables: `DB_HOST`, `DB_PORT`, `DB_USER`, `DB_PASSWORD`, `DB_NAME`
/// and `DB_SCHEMA` (default `app`). When `DB_HOST` is set they name a PostgreSQL database whose
/// tables live in that schema; `--db` and `EDGEHOST_DB` still win.
public enum DatabaseEnvironment {
    public static let defaultSchema = "app"

    /// libpq's keyword form of the variables, or nil when `DB_HOST` is unset or empty.
    public static func address(_ environment: [String: String]) throws(StoreError) -> String? {
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        guard let host = value("DB_HOST") else { return nil }
        let schema = value("DB_SCHEMA") ?? defaultSchema
        guard isIdentifier(schema) else {
            throw StoreError("DB_SCHEMA", "address", "'\(schema.prefix(40))' is not a schema name: use letters, digits and '_', starting with a letter or '_' (at most 63)")
        }
        if let port = value("DB_PORT"), UInt16(port) == nil {
            throw StoreError("DB_PORT", "address", "'\(port.prefix(20))' is not a port number (1–65535)")
        }
        let pairs: [(String, String?)] = [("host", host), ("port", value("DB_PORT")), ("user", value("DB_USER")),
                                          ("password", value("DB_PASSWORD")), ("dbname", value("DB_NAME")),
                                          ("options", "-c search_path=\(schema)")]
        return pairs.compactMap { key, v in v.map { "\(key)=\(quoted($0))" } }.joined(separator: " ")
    }

    /// The schema an address puts tables in (`search_path=` in its options), to create it first.
    static func schema(in address: String) -> String? {
        guard let range = address.range(of: #"search_path=[A-Za-z_][A-Za-z0-9_]*"#, options: .regularExpression) else { return nil }
        return String(address[range].dropFirst("search_path=".count))
    }

    static func isIdentifier(_ name: String) -> Bool {
        name.utf8.count <= 63 && name.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil
    }

    /// libpq's quoting: single quotes, with `\` and `'` escaped by a backslash.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
