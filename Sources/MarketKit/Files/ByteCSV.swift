#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Indicators
import PackKit

/// A comma-separated file walked byte by byte: one reusable array of field ranges, no String
/// per field, so a year of minute bars parses in milliseconds. No quoting (the vendors' files
/// have none). Errors read "<path>:<line>: <what>".
struct ByteCSV {
    let path: String
    let bytes: [UInt8]
    private var position = 0
    private(set) var lineNumber = 0
    /// Byte ranges of the current line's fields (a trailing CR is not part of the last one).
    private(set) var fields: [Range<Int>] = []

    init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw ComponentError("\(path): no such file") }
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ComponentError("\(path): cannot read the file (\(error))")
        }
        fields.reserveCapacity(32)
    }

    /// Moves to the next non-blank line; false at the end of the file.
    mutating func nextLine() -> Bool {
        while position < bytes.count {
            lineNumber += 1
            var end = position
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            let next = end + 1
            if end > position, bytes[end - 1] == 13 { end -= 1 }
            defer { position = next }
            guard end > position else { continue }
            fields.removeAll(keepingCapacity: true)
            var start = position
            for i in position..<end where bytes[i] == 44 {
                fields.append(start..<i)
                start = i + 1
            }
            fields.append(start..<end)
            return true
        }
        return false
    }

    func error(_ what: String) -> ComponentError { ComponentError("\(path):\(lineNumber): \(what)") }

    func text(_ field: Int) -> String { String(decoding: bytes[fields[field]], as: UTF8.self) }

    func isEmpty(_ field: Int) -> Bool { fields[field].isEmpty }

    /// The field as a number, or an error naming the column and the text.
    func double(_ field: Int, _ column: String) throws -> Double {
        guard let value = Self.parseDouble(bytes, fields[field]) else {
            throw error("bad number '\(text(field))' in column '\(column)'")
        }
        return value
    }

    /// The field as a number; NaN when empty.
    func optionalDouble(_ field: Int, _ column: String) throws -> Double {
        fields[field].isEmpty ? .nan : try double(field, column)
    }

    // Each power up to 10^22 is exactly representable, so repeated products stay exact.
    static let powersOfTen: [Double] = (0...22).reduce(into: []) { p, k in p.append(k == 0 ? 1 : p[k - 1] * 10) }

    /// Decimal text → Double. Exact (correctly rounded) on the fast path: an integer mantissa
    /// below 2^53 times or over a power of ten up to 10^22 are both exact before the one
    /// rounding. Anything else (exponents, long mantissas) goes through the standard parser.
    static func parseDouble(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let end = range.upperBound
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == 45 || bytes[i] == 43 { negative = bytes[i] == 45; i += 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, seenDot = false, anyDigit = false
        while i < end {
            let b = bytes[i]
            if b &- 48 < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b &- 48) } else { return slowDouble(bytes, range) }
                if mantissa > 0 { digits += 1 }
                anyDigit = true
                if seenDot { fraction += 1 }
            } else if b == 46, !seenDot {
                seenDot = true
            } else {
                return slowDouble(bytes, range)
            }
            i += 1
        }
        guard anyDigit else { return nil }
        guard mantissa < 1 << 53, fraction <= 22 else { return slowDouble(bytes, range) }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

    static func slowDouble(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        guard let value = Double(String(decoding: bytes[range], as: UTF8.self)), value.isFinite || value.isNaN else { return nil }
        return value
    }

    /// "YYYY-MM-DDTHH:MM:SS[.fff…](Z|+00:00)" → nanoseconds since the epoch, UTC.
    static func parseTimestamp(_ bytes: [UInt8], _ range: Range<Int>) -> Int64? {
        let s = range.lowerBound, n = range.count
        guard n >= 20, bytes[s + 4] == 45, bytes[s + 7] == 45, bytes[s + 10] == 84 || bytes[s + 10] == 32,
              bytes[s + 13] == 58, bytes[s + 16] == 58 else { return nil }
        func number(_ at: Int, _ count: Int) -> Int64? {
            var v: Int64 = 0
            for i in at..<(at + count) {
                let d = bytes[s + i] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int64(d)
            }
            return v
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), day >= 1, day <= MarketDate.daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 61 else { return nil }
        var i = 19, nanos: Int64 = 0
        if bytes[s + i] == 46 {
            i += 1
            var scale: Int64 = 100_000_000, count = 0
            while i < n, bytes[s + i] &- 48 < 10 {
                nanos += Int64(bytes[s + i] &- 48) * scale
                scale /= 10
                i += 1
                count += 1
            }
            guard count > 0, count <= 9 else { return nil }
        }
        let zone = bytes[(s + i)..<(s + n)]
        guard zone.elementsEqual("Z".utf8) || zone.elementsEqual("+00:00".utf8) else { return nil }
        let days = NewYorkCalendar.days(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000_000_000 + second * 1_000_000_000 + nanos
    }
}
