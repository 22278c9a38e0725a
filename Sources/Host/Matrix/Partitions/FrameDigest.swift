import PackKit

/// SHA-256 of some rows of a frame: column names and types, then each column's values as
/// bytes (numbers by bit pattern, strings length-prefixed). Two frames digest alike exactly
/// when those rows are the same bits, which is what a per-date partition's inputs need.
enum FrameDigest {
    static func sha256(_ frame: Frame, rows: Range<Int>) -> String {
        var hasher = SHA256Hasher()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        func flush() { hasher.update(bytes); bytes.removeAll(keepingCapacity: true) }
        func append<T: FixedWidthInteger>(_ x: T) {
            withUnsafeBytes(of: x.littleEndian) { bytes.append(contentsOf: $0) }
            if bytes.count >= 4096 { flush() }
        }
        func append(_ s: String) {
            append(UInt64(s.utf8.count))
            bytes.append(contentsOf: s.utf8)
            if bytes.count >= 4096 { flush() }
        }
        append(UInt64(rows.count))
        for column in frame.columns {
            append(column.name)
            switch column.data {
            case .float64(let c): append("g"); for i in rows { append(c[i].bitPattern) }
            case .int64(let c): append("l"); for i in rows { append(c[i]) }
            case .timestamp(let c): append("tsn"); for i in rows { append(c[i]) }
            case .utf8(let v): append("u"); for i in rows { append(v[i]) }
            case .bool(let v): append("b"); for i in rows { append(UInt8(v[i] ? 1 : 0)) }
            }
        }
        flush()
        return hasher.hex()
    }
}
