import CSQLite
import Foundation

/// One connection to a SQLite file, closed when the object goes away. Not for sharing between
/// threads: each user opens its own (WAL lets readers and one writer work side by side).
final class SQLiteDatabase: SQLTransactions {
    let path: String
    fileprivate let handle: OpaquePointer

    /// Opens (creating if needed) the database at `path`, creating its folder too.
    init(path: String) throws(StoreError) {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(path, "open", "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close_v2(opened)
            throw StoreError(path, "open", message)
        }
        handle = opened
        // From here a throw releases self, and deinit closes the connection.
        sqlite3_busy_timeout(handle, 5_000)
    }

    /// Switches to WAL (readers beside one writer). It rewrites the file header, so it comes
    /// only after the file is known to be ours.
    func useWriteAheadLog() throws(StoreError) { try execute("PRAGMA journal_mode=WAL") }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that take no parameters, ignoring any rows they return.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? lastError
            sqlite3_free(message)
            throw error(sql, text)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement { try SQLiteStatement(self, sql) }

    /// Runs `sql` once with `values` bound to its `?` parameters.
    func run(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) { try prepare(sql).run(values) }

    /// The rows `sql` returns with `values` bound to its `?` parameters.
    func rows(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> [SQLRow] { try prepare(sql).rows(values) }

    /// IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) rather than
    /// fail half way.
    var beginStatement: String { "BEGIN IMMEDIATE" }

    fileprivate var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// An error naming this file, the statement by its first words, and SQLite's explanation.
    fileprivate func error(_ sql: String, _ message: String) -> StoreError { StoreError(path, sql: sql, message) }
}

/// A prepared statement, reusable with new values (as a batch insert does), finalized when it
/// goes away. It keeps its connection alive.
final class SQLiteStatement {
    private let database: SQLiteDatabase
    private let sql: String
    private let handle: OpaquePointer

    fileprivate init(_ database: SQLiteDatabase, _ sql: String) throws(StoreError) {
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v2(database.handle, sql, -1, &prepared, nil) == SQLITE_OK, let prepared else {
            sqlite3_finalize(prepared)
            throw database.error(sql, database.lastError)
        }
        self.database = database
        self.sql = sql
        handle = prepared
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs the statement to completion with `values`, ignoring any rows.
    func run(_ values: [SQLValue]) throws(StoreError) {
        try bind(values)
        while try step() != nil {}
    }

    func rows(_ values: [SQLValue]) throws(StoreError) -> [SQLRow] {
        try bind(values)
        var out: [SQLRow] = []
        while let row = try step() { out.append(row) }
        return out
    }

    /// Clears the previous run and binds `values` to the parameters, in order.
    private func bind(_ values: [SQLValue]) throws(StoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw database.error(sql, "\(values.count) values given for \(expected) parameters")
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let n): status = sqlite3_bind_int64(handle, index, n)
            case .real(let x) where x.isNaN: status = sqlite3_bind_null(handle, index)
            case .real(let x): status = sqlite3_bind_double(handle, index, x)
            case .text(let s): status = sqlite3_bind_text(handle, index, s, Int32(s.utf8.count), Self.transient)
            case .null: status = sqlite3_bind_null(handle, index)
            }
            guard status == SQLITE_OK else { throw database.error(sql, database.lastError) }
        }
    }

    /// The next row, or nil when the statement is done.
    private func step() throws(StoreError) -> SQLRow? {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return SQLRow(values: (0..<sqlite3_column_count(handle)).map(column))
        case SQLITE_DONE: return nil
        default: throw database.error(sql, database.lastError)
        }
    }

    private func column(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_NULL: return .null
        default:
            // Text (and blobs, which this schema never stores) as UTF-8; the byte count keeps
            // any embedded NUL.
            guard let bytes = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }

    /// Tells SQLite to copy bound text, since Swift's buffer only lives for the call.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}
