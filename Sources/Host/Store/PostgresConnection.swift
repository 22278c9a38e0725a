import CLibPQ
import Foundation

/// One libpq connection to a PostgreSQL server, closed when the object goes away. Synchronous
/// like the store API; not for sharing between threads (each user opens its own). Errors name
/// the server by its URL without the password.
final class PostgresConnection: SQLTransactions {
    /// The URL without its password, for messages.
    let location: String
    private let handle: OpaquePointer

    /// Connects to `url` (`postgres://user:password@host:port/database?…`, or libpq's
    /// `key=value` form), giving up after 5 seconds unless the URL sets `connect_timeout`.
    init(url: String) throws(StoreError) {
        location = Self.redacted(url)
        guard let opened = PQconnectdb(Self.withTimeout(url)) else {
            throw StoreError(location, "connect", "libpq could not allocate a connection")
        }
        guard PQstatus(opened) == CONNECTION_OK else {
            let message = Self.oneLine(String(cString: PQerrorMessage(opened)))
            PQfinish(opened)
            throw StoreError(location, "connect", message)
        }
        handle = opened
        // From here a throw releases self, and deinit closes the connection. Notices ("relation
        // already exists, skipping") would go to stderr, in the middle of a command's output.
        try execute("SET client_min_messages TO warning; SET client_encoding TO 'UTF8'")
    }

    deinit { PQfinish(handle) }

    /// Runs one or more statements that take no parameters, ignoring any rows they return.
    func execute(_ sql: String) throws(StoreError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql)
    }

    /// Runs `sql` once with `values` bound to its `$1…` parameters.
    func run(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) { _ = try rows(sql, values) }

    /// The rows `sql` returns with `values` bound to its `$1…` parameters (sent as text, their
    /// types inferred by the server; NaN as NULL, infinities as PostgreSQL spells them).
    func rows(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> [SQLRow] {
        let texts: [UnsafeMutablePointer<CChar>?] = values.map { value in Self.text(value).flatMap { strdup($0) } }
        defer { texts.forEach { free($0) } }
        let result = texts.map { UnsafePointer($0) }.withUnsafeBufferPointer { parameters in
            PQexecParams(handle, sql, Int32(values.count), nil, parameters.baseAddress, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, sql)
        let columns = PQnfields(result)
        let types = (0..<columns).map { PQftype(result, $0) }
        return (0..<PQntuples(result)).map { row in
            SQLRow(values: (0..<columns).map { column in
                PQgetisnull(result, row, column) == 1 ? .null : Self.value(String(cString: PQgetvalue(result, row, column)), type: types[Int(column)])
            })
        }
    }

    var beginStatement: String { "BEGIN" }

    /// Throws unless `result` is a success, naming the statement by its first words.
    private func check(_ result: OpaquePointer?, _ sql: String) throws(StoreError) {
        guard let result else { throw StoreError(location, sql: sql, Self.oneLine(String(cString: PQerrorMessage(handle)))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            // The primary message alone: the full one adds "ERROR:" and the statement again.
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            throw StoreError(location, sql: sql, Self.oneLine(primary ?? String(cString: PQresultErrorMessage(result))))
        }
    }

    /// A parameter's text; nil sends NULL.
    private static func text(_ value: SQLValue) -> String? {
        switch value {
        case .integer(let n): String(n)
        case .real(let x) where x.isNaN: nil
        case .real(let x) where x.isInfinite: x < 0 ? "-Infinity" : "Infinity"
        // Swift's shortest round-trip digits; PostgreSQL (12+) prints float8 the same way back.
        case .real(let x): String(x)
        case .text(let s): s
        case .null: nil
        }
    }

    /// A column's text as the value its type (a pg_type OID) holds.
    private static func value(_ text: String, type: Oid) -> SQLValue {
        switch type {
        case 20, 21, 23, 26: Int64(text).map(SQLValue.integer) ?? .text(text)  // int8, int2, int4, oid
        case 700, 701, 1700: Double(text).map(SQLValue.real) ?? .text(text)  // float4, float8, numeric
        default: .text(text)
        }
    }

    /// libpq's messages span lines ("…failed: Connection refused\n\tIs the server running…").
    private static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `url` with `connect_timeout=5` added when it sets none, so a silent host fails rather than hangs.
    static func withTimeout(_ url: String) -> String {
        guard !url.contains("connect_timeout") else { return url }
        guard url.contains("://") else { return url + " connect_timeout=5" }
        return url + (url.contains("?") ? "&" : "?") + "connect_timeout=5"
    }

    /// `url` without its password: neither `user:password@` nor a `password=` parameter. What
    /// the well-formed cases leave, `Redaction` masks (a malformed URL, a quoted password).
    static func redacted(_ url: String) -> String { Redaction.redact(withoutPassword(url)) }

    private static func withoutPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else {
            return url.split(separator: " ").filter { !$0.hasPrefix("password=") }.joined(separator: " ")
        }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            authority.removeSubrange(colon..<at)
        }
        var tail = String(rest[authorityEnd...])
        if let question = tail.firstIndex(of: "?") {
            let kept = tail[tail.index(after: question)...].split(separator: "&").filter { !$0.hasPrefix("password=") }
            tail = String(tail[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return String(url[..<schemeEnd.upperBound]) + authority + tail
    }
}
