import DBN
import Foundation

/// `edgehost dbn dump`: records as CSV (a header line per record layout) or JSON lines, prices
/// as decimals and times as ISO 8601 with nanoseconds; undefined values empty (CSV) or null (JSON).
public struct DBNDump {
    public enum Format: Sendable { case csv, json }

    public var format: Format
    /// Records to write at most; nil for all.
    public var limit: Int?

    public init(format: Format, limit: Int? = nil) {
        self.format = format
        self.limit = limit
    }

    /// Writes the records of `path`, one line at a time, through `write`; returns the count.
    @discardableResult
    public func run(path: String, write: (String) -> Void) throws -> Int {
        try EdgehostError.reportingDBN {
            let decoder = try DBNDecoder(path: path)
            var written = 0
            var header: String?
            while limit.map({ written < $0 }) ?? true,
                  let batch = try decoder.nextBatch(maxRecords: min(limit.map { $0 - written } ?? 65_536, 65_536)) {
                if format == .csv {
                    let names = batch.columns.map(\.name).joined(separator: ",")
                    if names != header { write(names); header = names }
                }
                for row in 0..<batch.count {
                    write(format == .csv ? csvLine(batch, row) : jsonLine(batch, row))
                }
                written += batch.count
            }
            return written
        }
    }

    func csvLine(_ batch: DBNBatch, _ row: Int) -> String {
        batch.columns.map { column in
            let text = column.text(row) ?? ""
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    func jsonLine(_ batch: DBNBatch, _ row: Int) -> String {
        let members = batch.columns.map { column -> String in
            let value: String
            switch (column.field.role, column.field.type) {
            case (.price, _), (.timestamp, _), (_, .char), (_, .text):
                value = column.text(row).map(Self.jsonString) ?? "null"
            default:
                value = column.rawText(row)
            }
            return "\"\(column.name)\":\(value)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
