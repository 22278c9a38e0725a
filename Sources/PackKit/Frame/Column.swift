/// The values of one column, by Arrow type.
public enum ColumnData: Sendable {
    /// Arrow "g". Missing values are NaN.
    case float64(Float64Column)
    /// Arrow "l".
    case int64(Int64Column)
    /// Arrow "tsn:UTC": nanoseconds since the Unix epoch, UTC.
    case timestamp(Int64Column)
    /// Arrow "u".
    case utf8([String])
    /// Arrow "b".
    case bool([Bool])

    public var count: Int {
        switch self {
        case .float64(let c): c.count
        case .int64(let c), .timestamp(let c): c.count
        case .utf8(let v): v.count
        case .bool(let v): v.count
        }
    }

    /// The Arrow format string of this type.
    public var arrowFormat: String {
        switch self {
        case .float64: "g"
        case .int64: "l"
        case .timestamp: "tsn:UTC"
        case .utf8: "u"
        case .bool: "b"
        }
    }

    func prefix(rows n: Int) -> ColumnData {
        switch self {
        case .float64(let c): .float64(c.prefix(rows: n))
        case .int64(let c): .int64(c.prefix(rows: n))
        case .timestamp(let c): .timestamp(c.prefix(rows: n))
        case .utf8(let v): .utf8(Array(v.prefix(n)))
        case .bool(let v): .bool(Array(v.prefix(n)))
        }
    }
}

/// A named column.
public struct Column: Sendable {
    public var name: String
    public var data: ColumnData

    public init(_ name: String, _ data: ColumnData) {
        self.name = name
        self.data = data
    }

    public static func float64(_ name: String, _ values: [Double]) -> Column { Column(name, .float64(Float64Column(values))) }
    public static func float64(_ name: String, _ column: Float64Column) -> Column { Column(name, .float64(column)) }
    public static func int64(_ name: String, _ values: [Int64]) -> Column { Column(name, .int64(Int64Column(values))) }
    public static func timestamp(_ name: String, _ values: [Int64]) -> Column { Column(name, .timestamp(Int64Column(values))) }
    public static func timestamp(_ name: String, _ column: Int64Column) -> Column { Column(name, .timestamp(column)) }
    public static func utf8(_ name: String, _ values: [String]) -> Column { Column(name, .utf8(values)) }
    public static func bool(_ name: String, _ values: [Bool]) -> Column { Column(name, .bool(values)) }
}
