/// A table of equally long, uniquely named, typed columns: what crosses the ABI as an Arrow
/// record batch. By convention the first column of bars is `ts` (timestamp[ns, UTC]).
///
/// ```swift
/// let frame = try Frame([.timestamp("ts", ts), .float64("close", close)])
/// let close = try frame.float64("close")
/// ```
public struct Frame: Sendable {
    public private(set) var columns: [Column]
    public let rowCount: Int

    /// Builds a frame; throws when lengths differ or a name repeats.
    public init(_ columns: [Column]) throws(FrameError) {
        var seen = Set<String>(minimumCapacity: columns.count)
        let rows = columns.first?.data.count ?? 0
        for column in columns {
            guard seen.insert(column.name).inserted else {
                throw FrameError("duplicate column '\(column.name)'")
            }
            guard column.data.count == rows else {
                throw FrameError("column '\(column.name)' has \(column.data.count) rows, expected \(rows) like '\(columns[0].name)'")
            }
        }
        self.columns = columns
        self.rowCount = rows
    }

    /// Columns already known to be uniquely named and `rows` long (a part of a frame).
    init(alreadyChecked columns: [Column], rows: Int) {
        self.columns = columns
        self.rowCount = rows
    }

    /// An empty frame with no columns.
    public init() {
        columns = []
        rowCount = 0
    }

    public var columnNames: [String] { columns.map(\.name) }

    public subscript(name: String) -> ColumnData? {
        columns.first { $0.name == name }?.data
    }

    /// The float64 column `name`, or an error naming the column and its actual type.
    public func float64(_ name: String) throws(FrameError) -> Float64Column {
        switch try column(name) {
        case .float64(let c): return c
        case let other: throw FrameError("column '\(name)' is \(other.arrowFormat), expected float64 (g)")
        }
    }

    /// The timestamp column `name` (default `ts`) as nanoseconds since the epoch, UTC.
    public func timestamps(_ name: String = "ts") throws(FrameError) -> Int64Column {
        switch try column(name) {
        case .timestamp(let c): return c
        case let other: throw FrameError("column '\(name)' is \(other.arrowFormat), expected timestamp[ns, UTC] (tsn:UTC)")
        }
    }

    public func int64(_ name: String) throws(FrameError) -> Int64Column {
        switch try column(name) {
        case .int64(let c): return c
        case let other: throw FrameError("column '\(name)' is \(other.arrowFormat), expected int64 (l)")
        }
    }

    public func utf8(_ name: String) throws(FrameError) -> [String] {
        switch try column(name) {
        case .utf8(let v): return v
        case let other: throw FrameError("column '\(name)' is \(other.arrowFormat), expected utf8 (u)")
        }
    }

    /// The first `n` rows, sharing numeric storage.
    public func prefix(rows n: Int) -> Frame {
        // Lengths stay equal, so this cannot fail.
        try! Frame(columns.map { Column($0.name, $0.data.prefix(rows: n)) })
    }

    /// A frame with the given columns only, in the given order.
    public func selecting(_ names: [String]) throws(FrameError) -> Frame {
        var picked: [Column] = []
        for name in names { picked.append(Column(name, try column(name))) }
        return try Frame(picked)
    }

    /// This frame with `other`'s columns appended.
    public func appending(_ other: Frame) throws(FrameError) -> Frame {
        try Frame(columns + other.columns)
    }

    private func column(_ name: String) throws(FrameError) -> ColumnData {
        guard let data = self[name] else {
            throw FrameError("missing column '\(name)' (have: \(columnNames.joined(separator: ", ")))")
        }
        return data
    }
}

/// A frame was malformed or a column was missing or of the wrong type.
public struct FrameError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
