import PackKit

/// A CSV of 1-minute bars: `ts,open,high,low,close,volume`, ts = bar start in ISO-8601 UTC.
public enum MinuteBarsFile {
    public static let header = ["ts", "open", "high", "low", "close", "volume"]

    /// The largest price a bar may have: anything above is a unit or export error, and would
    /// overflow the strike grids and integer conversions built on it.
    public static let maximumPrice = 1e9

    /// Reads `ts,open,high,low,close,volume` (ts ISO-8601 UTC with Z, e.g. 2024-03-26T13:30:00Z), optionally only
    /// rows with ts in [from, to). Every row is checked, inside the range or not, so a broken file
    /// fails the same way whatever range is asked. Errors: "<path>:<line>: <what>".
    public static func read(path: String, from: Int64 = .min, to: Int64 = .max) throws -> Frame {
        var csv = try ByteCSV(path: path)
        guard csv.nextLine(), csv.fieldCount == header.count,
              (0..<header.count).allSatisfy({ csv.text($0).lowercased() == header[$0] }) else {
            throw csv.error("missing header '\(header.joined(separator: ","))'")
        }
        // A row has at least 30 bytes ("…T00:00:00Z,1,1,1,1,1"), so this bounds the row count.
        let capacity = csv.bytes.count / 30 + 1
        var rows = 0
        var ts = [Int64]()
        let values = try float64Columns(5, count: capacity) { out in
            ts.reserveCapacity(capacity)
            var previous = Int64.min
            while csv.nextLine() {
                guard csv.fieldCount == header.count else {
                    throw csv.error("expected \(header.count) fields, got \(csv.fieldCount)")
                }
                guard let t = csv.parseTimestamp(csv.range(0)) else {
                    throw csv.error("bad timestamp '\(csv.text(0))' (expected e.g. 2024-03-26T13:30:00Z, years \(MarketDate.years.lowerBound)–\(MarketDate.years.upperBound))")
                }
                guard t > previous else { throw csv.error("ts \(csv.text(0)) is not after the previous row's") }
                previous = t
                let inRange = t >= from && t < to
                precondition(rows < capacity, "row bound")
                for c in 0..<5 {
                    let v = try csv.double(c + 1, header[c + 1])
                    // NaN or absurd values once reached integer conversions downstream and trapped; a
                    // price of zero or less is a vendor's placeholder, not a trade; volume may be 0.
                    guard v.isFinite, c == 4 || abs(v) <= maximumPrice else {
                        throw csv.error("\(header[c + 1]) '\(csv.text(c + 1))' is \(v.isFinite ? "above the largest price accepted (\(maximumPrice))" : "not a finite number")")
                    }
                    guard c == 4 ? v >= 0 : v > 0 else {
                        throw csv.error("\(header[c + 1]) \(csv.text(c + 1)) is \(c == 4 ? "negative" : "not a positive price")")
                    }
                    if inRange { out[c][rows] = v }
                }
                if inRange {
                    ts.append(t)
                    rows += 1
                }
            }
        }
        return try Frame([.timestamp("ts", ts)] + (0..<5).map { Column.float64(header[$0 + 1], values[$0].prefix(rows: rows)) })
    }
}
