/// The values of one field over a batch, in the field's own type.
public enum DBNColumnValues: Sendable {
    case uint8([UInt8]), int8([Int8]), uint16([UInt16]), int16([Int16])
    case uint32([UInt32]), int32([Int32]), uint64([UInt64]), int64([Int64])
    case text([String])

    public var count: Int {
        switch self {
        case .uint8(let v): v.count
        case .int8(let v): v.count
        case .uint16(let v): v.count
        case .int16(let v): v.count
        case .uint32(let v): v.count
        case .int32(let v): v.count
        case .uint64(let v): v.count
        case .int64(let v): v.count
        case .text(let v): v.count
        }
    }
}

/// One column of a batch: a field of the record layout and its values.
public struct DBNColumn: Sendable {
    public var field: DBNField
    public var values: DBNColumnValues

    public var name: String { field.name }
}

/// Consecutive records of one rtype, struct-of-arrays: one typed array per field.
public struct DBNBatch: Sendable {
    public var rtype: UInt8
    /// The layout's name, e.g. `MboMsg`.
    public var layoutName: String
    public var count: Int
    public var columns: [DBNColumn]
    /// Offset of the first record in the decompressed stream.
    public var offset: UInt64

    /// The column named `name` (Databento's field names: `price`, `ts_recv`, `bid_px_00`, …).
    public func column(_ name: String) -> DBNColumn? { columns.first { $0.name == name } }
}
