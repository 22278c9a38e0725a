#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Indicators
import PackKit

/// End-of-day option chains from vendors' files, as snapshots.
public enum ChainFile {
    /// Snapshots from a file or a folder of files, in ts order: the SPXW EOD layout
    /// (quotedate, expiration, type, strike, bid, ask, openinterest, impliedvol, delta, gamma, theta, vega,
    /// underlying_last; stamped at 16:00 NY of the quote date) and the Lean layout (YYYYMMDD.csv; the first data
    /// row with empty expiry is the underlying's day bar → spot = its close; stamped at 16:00 NY of the file's date;
    /// Lean has no bid/ask, so they are NaN). One snapshot per (quote time, expiry). Errors name file and line.
    public static func read(path: String) throws -> [ChainSnapshot] {
        guard FileManager.default.fileExists(atPath: path) else { throw ComponentError("\(path): no such file or folder") }
        var files = [path]
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: path) {
            let names = entries.filter { $0.lowercased().hasSuffix(".csv") }.sorted()
            guard !names.isEmpty else { throw ComponentError("\(path): no .csv chain files in the folder") }
            files = names.map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
        }
        var snapshots: [ChainSnapshot] = []
        for file in files { snapshots += try readFile(file) }
        // Stable: snapshots of one instant keep the files' expiry order.
        return snapshots.enumerated().sorted { a, b in
            (a.element.ts, a.element.expiry, a.offset) < (b.element.ts, b.element.expiry, b.offset)
        }.map(\.element)
    }

    /// 16:00 New York time on `day`, in ns UTC.
    static func endOfDay(_ day: Int32) -> Int64 {
        NewYorkCalendar.nanosecondRange(ofDay: day).lowerBound + 16 * 3_600 * 1_000_000_000
    }

    static func readFile(_ path: String) throws -> [ChainSnapshot] {
        var csv = try ByteCSV(path: path)
        guard csv.nextLine() else { throw ComponentError("\(path): empty file (no header)") }
        let header = (0..<csv.fieldCount).map { csv.text($0).lowercased() }
        if header.first == "#expiry" { return try LeanChainLayout.read(&csv, header: header) }
        if header.contains("quotedate") { return try VendorEODLayout.read(&csv, header: header) }
        throw csv.error("unknown chain layout: expected an SPXW EOD header (quotedate, expiration, …) or a Lean one (#expiry, strike, right, …)")
    }

    /// Column indices by name, or an error naming the missing ones.
    static func columns(_ names: [String], in header: [String], _ csv: borrowing ByteCSV) throws -> [Int] {
        let missing = names.filter { !header.contains($0) }
        guard missing.isEmpty else { throw csv.error("missing column(s) \(missing.joined(separator: ", ")) in the header") }
        return names.map { header.firstIndex(of: $0)! }
    }

    /// Groups quotes into one snapshot per (ts, expiry), in first-seen order.
    struct Grouper {
        var keys: [Int64: [Int32: Int]] = [:]
        var snapshots: [ChainSnapshot] = []

        mutating func add(_ quote: OptionQuote, ts: Int64, expiry: Int32, spot: Double) {
            if let index = keys[ts]?[expiry] {
                snapshots[index].quotes.append(quote)
            } else {
                keys[ts, default: [:]][expiry] = snapshots.count
                snapshots.append(ChainSnapshot(ts: ts, expiry: expiry, spot: spot, quotes: [quote]))
            }
        }
    }
}

extension ByteCSV {
    /// A date field: "MM/DD/YYYY" (vendor) or "YYYYMMDD" (Lean).
    func date(_ field: Int, _ column: String) throws -> Int32 {
        let range = range(field)
        let b = Array(bytes[range])
        func number(_ r: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for i in r { let d = b[i] &- 48; guard d < 10 else { return nil }; v = v * 10 + Int64(d) }
            return v
        }
        var ymd: (Int64?, Int64?, Int64?) = (nil, nil, nil)
        if b.count == 10, b[2] == 47, b[5] == 47 { ymd = (number(6..<10), number(0..<2), number(3..<5)) }
        if b.count == 8 { ymd = (number(0..<4), number(4..<6), number(6..<8)) }
        guard let y = ymd.0, let m = ymd.1, let d = ymd.2, (1...12).contains(m), d >= 1,
              d <= MarketDate.daysInMonth(year: y, month: m) else {
            throw error("bad date '\(text(field))' in column '\(column)' (expected MM/DD/YYYY or YYYYMMDD)")
        }
        // Quote times are Int64 nanoseconds, which reach 1677-09-21 .. 2262-04-11 (a fuzzed 2424 trapped).
        guard (1678...2261).contains(y) else { throw error("date '\(text(field))' in column '\(column)' is outside the years 1678–2261") }
        return Int32(NewYorkCalendar.days(year: y, month: m, day: d))
    }

    func right(_ field: Int, _ column: String) throws -> OptionRight {
        switch text(field).lowercased() {
        case "c", "call": return .call
        case "p", "put": return .put
        default: throw error("bad option right '\(text(field))' in column '\(column)' (expected call/put or C/P)")
        }
    }

    func requireFieldCount(_ count: Int) throws {
        guard fieldCount == count else { throw error("expected \(count) fields, got \(fieldCount)") }
    }
}
