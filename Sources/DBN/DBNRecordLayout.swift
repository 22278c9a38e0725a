/// How one field of a record is stored.
public enum DBNFieldType: Sendable, Equatable {
    case uint8, int8, uint16, int16, uint32, int32, uint64, int64
    /// One `c_char`, kept as its byte.
    case char
    /// A fixed-width NUL-padded C string.
    case text(Int)
    /// Reserved bytes: skipped, no column.
    case padding(Int)

    var size: Int {
        switch self {
        case .uint8, .int8, .char: 1
        case .uint16, .int16: 2
        case .uint32, .int32: 4
        case .uint64, .int64: 8
        case .text(let n), .padding(let n): n
        }
    }

    /// C alignment (repr(C)): natural for integers, 1 for byte arrays.
    var alignment: Int {
        switch self {
        case .text, .padding: 1
        default: size
        }
    }
}

/// What a field's integer means, for printing and for nulls.
public enum DBNFieldRole: Sendable, Equatable {
    case plain
    /// Fixed-point price: units of 1e-9; `Int64.max` (UNDEF_PRICE) is null.
    case price
    /// Nanoseconds since the UNIX epoch; `UInt64.max` (UNDEF_TIMESTAMP) is null.
    case timestamp
}

/// One field and its byte offset in the record.
public struct DBNField: Sendable, Equatable {
    public var name: String
    public var type: DBNFieldType
    public var role: DBNFieldRole
    public var offset: Int
}

/// The byte layout of one record type, offsets computed with C's alignment rules from the field
/// list (the order and types of Databento's `#[repr(C)]` structs), so no offset is typed by hand.
public struct DBNRecordLayout: Sendable {
    /// A field before its offset is known.
    struct Spec {
        var name: String
        var type: DBNFieldType
        var role: DBNFieldRole = .plain
    }

    /// e.g. `MboMsg`, `InstrumentDefMsgV2`.
    public var name: String
    /// Columns in record order (padding left out); the 16-byte header's fields come first.
    public var fields: [DBNField]
    /// The record's size in bytes (a multiple of 8), without `ts_out`.
    public var size: Int

    init(_ name: String, _ body: [Spec]) {
        self.name = name
        var fields: [DBNField] = []
        var offset = 0
        for spec in Self.header + body {
            offset = (offset + spec.type.alignment - 1) / spec.type.alignment * spec.type.alignment
            if case .padding = spec.type {} else {
                fields.append(DBNField(name: spec.name, type: spec.type, role: spec.role, offset: offset))
            }
            offset += spec.type.size
        }
        self.fields = fields
        size = (offset + 7) / 8 * 8
    }

    /// `RecordHeader`: length (in 4-byte words), rtype, publisher, instrument, event time.
    static let header: [Spec] = [
        Spec(name: "length", type: .padding(1)),
        Spec(name: "rtype", type: .uint8),
        Spec(name: "publisher_id", type: .uint16),
        Spec(name: "instrument_id", type: .uint32),
        Spec(name: "ts_event", type: .uint64, role: .timestamp),
    ]

    /// The same layout with the gateway send time appended (metadata `ts_out`).
    func withTsOut() -> DBNRecordLayout {
        var copy = self
        copy.fields.append(DBNField(name: "ts_out", type: .uint64, role: .timestamp, offset: size))
        copy.size += 8
        return copy
    }
}
