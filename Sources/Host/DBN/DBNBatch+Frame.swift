import DBN
import PackKit

extension DBNBatch {
    /// The batch as a frame of the ABI (Arrow types), column by column: prices → float64 in
    /// units (NaN for `UNDEF_PRICE`), times → `timestamp[ns, UTC]` (`UNDEF_TIMESTAMP` → `Int64.min`,
    /// numpy's NaT), `c_char` and strings → utf8, other integers → int64 (a `UInt64` above
    /// `Int64.max` keeps its bit pattern).
    public func frame() throws -> Frame {
        try Frame(columns.map { column in
            switch column.values {
            case .int64(let v) where column.field.role == .price:
                return .float64(column.name, v.map(DBNFormat.priceValue))
            case .uint64(let v) where column.field.role == .timestamp:
                return .timestamp(column.name, v.map { $0 == DBNFormat.undefinedTimestamp ? Int64.min : Int64(bitPattern: $0) })
            case .uint8(let v) where column.field.type == .char:
                return .utf8(column.name, v.map(DBNFormat.char))
            case .text(let v): return .utf8(column.name, v)
            case .uint8(let v): return .int64(column.name, v.map(Int64.init))
            case .int8(let v): return .int64(column.name, v.map(Int64.init))
            case .uint16(let v): return .int64(column.name, v.map(Int64.init))
            case .int16(let v): return .int64(column.name, v.map(Int64.init))
            case .uint32(let v): return .int64(column.name, v.map(Int64.init))
            case .int32(let v): return .int64(column.name, v.map(Int64.init))
            case .uint64(let v): return .int64(column.name, v.map { Int64(bitPattern: $0) })
            case .int64(let v): return .int64(column.name, v)
            }
        })
    }
}
