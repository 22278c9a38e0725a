import PackKit

/// A CSV of 1-minute bars: `ts,open,high,low,close,volume`, ts = bar start in ISO-8601 UTC.
public enum MinuteBarsFile {
    public static let header = ["ts", "open", "high", "low", "close", "volume"]

    /// Reads `ts,open,high,low,close,volume` (ts ISO-8601 UTC with Z, e.g. 2024-03-26T13:30:00Z), optionally only
    /// rows with ts in [from, to). Every row is checked, inside the range or not, so a broken file
    /// fails the same way whatever range is asked. Errors: "<path>:<line>: <what>".
    public static func read(path: String, from: Int64 = .min, to: Int64 = .max) throws -> Frame {
        var csv = try ByteCSV(path: path)
        guard csv.nextLine(), csv.fields.count == header.count,
              (0..<header.count).allSatisfy({ csv.text($0).lowercased() == header[$0] }) else {
            throw csv.error("missing header '\(header.joined(separator: ","))'")
        }
        var ts: [Int64] = [], values = [[Double]](repeating: [], count: 5)
        let estimate = csv.bytes.count / 45
        ts.reserveCapacity(estimate)
        for c in 0..<5 { values[c].reserveCapacity(estimate) }
        var previous = Int64.min
        var row = [Double](repeating: 0, count: 5)
        while csv.nextLine() {
            guard csv.fields.count == header.count else {
                throw csv.error("expected \(header.count) fields, got \(csv.fields.count)")
            }
            guard let t = ByteCSV.parseTimestamp(csv.bytes, csv.fields[0]) else {
                throw csv.error("bad timestamp '\(csv.text(0))' (expected e.g. 2024-03-26T13:30:00Z)")
            }
            guard t > previous else { throw csv.error("ts \(csv.text(0)) is not after the previous row's") }
            previous = t
            for c in 0..<5 { row[c] = try csv.double(c + 1, header[c + 1]) }
            guard t >= from, t < to else { continue }
            ts.append(t)
            for c in 0..<5 { values[c].append(row[c]) }
        }
        return try Frame([.timestamp("ts", ts)] + (0..<5).map { Column.float64(header[$0 + 1], values[$0]) })
    }
}
