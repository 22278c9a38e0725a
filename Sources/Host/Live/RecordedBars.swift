import Foundation
import PackKit

/// One symbol's recorded bars, `bars/<SYMBOL>.csv`: a header of `name:type` fields (types
/// `timestamp`, `float64`, `int64`, `utf8`, `bool`), then one line per bar. Timestamps and
/// integers are written as integers (nanoseconds since the epoch, UTC), doubles in Swift's
/// shortest round-trip form (`nan`, `inf`, `-inf` spelt out), booleans `1`/`0`, and text with
/// `%`, `,`, CR and LF percent-escaped. Reading gives back the adapter's frame bit for bit, so a
/// replay computes exactly the features the batch build computes from the adapter.
public enum RecordedBars {
    public static func csv(_ frame: Frame) -> Data {
        var out = Data()
        out.append(contentsOf: frame.columns.map { "\($0.name):\(typeName($0.data))" }.joined(separator: ",").utf8)
        out.append(10)
        for row in 0..<frame.rowCount {
            out.append(contentsOf: frame.columns.map { field($0.data, row) }.joined(separator: ",").utf8)
            out.append(10)
        }
        return out
    }

    /// Reads a file `csv` wrote; anything else fails naming the file and line.
    public static func read(path: String) throws -> Frame {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EdgehostError(code: "missing-file", object: path, "no recorded bars here: record them with `edgehost stream capture`", exit: .io)
        }
        let lines = TextFile.decode(data).split(separator: "\n")
        guard let header = lines.first else { throw WorkspaceError("\(path): empty file, not recorded bars") }
        let spec: [(name: String, type: String)] = try header.split(separator: ",", omittingEmptySubsequences: false).map { field in
            let parts = field.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["timestamp", "float64", "int64", "utf8", "bool"].contains(parts[1]) else {
                throw WorkspaceError("\(path): line 1: '\(EscapedText.text(field))' is not name:type (timestamp, float64, int64, utf8 or bool)")
            }
            return (parts[0], parts[1])
        }
        var text = spec.map { _ in [String]() }
        for (n, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == spec.count else { throw WorkspaceError("\(path): line \(n + 1): \(fields.count) fields, the header has \(spec.count)") }
            for (c, f) in fields.enumerated() { text[c].append(String(f)) }
        }
        let columns = try zip(spec, text).map { column, values -> Column in
            func fail(_ v: String) -> WorkspaceError { WorkspaceError("\(path): column '\(column.name)': '\(EscapedText.text(v))' is not \(column.type)") }
            switch column.type {
            case "timestamp", "int64":
                let ints = try values.map { v -> Int64 in guard let x = Int64(v) else { throw fail(v) }; return x }
                return column.type == "int64" ? .int64(column.name, ints) : .timestamp(column.name, ints)
            case "float64": return .float64(column.name, try values.map { v -> Double in guard let x = Double(v) else { throw fail(v) }; return x })
            case "bool": return .bool(column.name, try values.map { v -> Bool in guard v == "1" || v == "0" else { throw fail(v) }; return v == "1" })
            default: return .utf8(column.name, try values.map { v -> String in guard let s = v.removingPercentEncoding else { throw fail(v) }; return s })
            }
        }
        do { return try Frame(columns) } catch { throw WorkspaceError("\(path): \(error.message)") }
    }

    static func typeName(_ data: ColumnData) -> String {
        switch data {
        case .timestamp: "timestamp"
        case .float64: "float64"
        case .int64: "int64"
        case .utf8: "utf8"
        case .bool: "bool"
        }
    }

    static func field(_ data: ColumnData, _ row: Int) -> String {
        switch data {
        case .timestamp(let c), .int64(let c): String(c[row])
        case .float64(let c): c[row].description
        case .bool(let v): v[row] ? "1" : "0"
        case .utf8(let v):
            v[row].replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C")
                .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
        }
    }
}
