#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indicators
import PackKit

/// A comma-separated file walked byte by byte: field bounds in a reusable buffer, no String
/// per field, so a year of minute bars parses in milliseconds. No quoting (the vendors' files
/// have none). Errors read "<path>:<line>: <what>".
///
/// A non-copyable struct owning raw buffers: the hot loops read through pointers, with no
/// reference counting, uniqueness or exclusivity checks (which cost more than the parsing).
struct ByteCSV: ~Copyable {
    let path: String
    /// The whole file.
    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private(set) var lineNumber = 0
    /// Start and end offsets of the current line's fields (a trailing CR is not in the last one).
    private var bounds: UnsafeMutableBufferPointer<Int>
    private(set) var fieldCount = 0

    init(path: String) throws {
        self.path = path
        bytes = try Self.readAll(path)
        bounds = .allocate(capacity: 64)
        // A UTF-8 byte-order mark (Excel writes one) is not part of the header's first name.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The largest CSV file read (README "Input limits"): a year of minute bars is 4 MB.
    static let maxBytes = 1 << 30

    /// The file's bytes in one buffer, read straight into it (no intermediate copy: on a
    /// virtual machine, touching fresh pages costs as much as parsing them).
    static func readAll(_ path: String) throws -> UnsafeBufferPointer<UInt8> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ComponentError(errno == ENOENT ? "\(path): no such file" : "\(path): cannot open the file (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw ComponentError("\(path): not a regular file") }
        let size = Int(info.st_size)
        // Read whole into memory: a limit keeps a mistaken path (a disk image) from exhausting it.
        guard size <= maxBytes else { throw ComponentError("\(path): \(size) bytes, more than the limit of \(maxBytes) for a CSV file") }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(size, 1))
        var total = 0
        while total < size {
            let n = read(fd, buffer.baseAddress! + total, size - total)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                buffer.deallocate()
                throw ComponentError("\(path): cannot read the file (\(n < 0 ? String(cString: strerror(errno)) : "it shrank while being read"))")
            }
            total += n
        }
        return UnsafeBufferPointer(rebasing: buffer[0..<size])
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
    }

    /// The byte range of field `i` of the current line.
    func range(_ i: Int) -> Range<Int> { bounds[2 * i]..<bounds[2 * i + 1] }

    /// Moves to the next non-blank line; false at the end of the file. One pass over the
    /// bytes finds both the commas and the line's end.
    mutating func nextLine() -> Bool {
        let count = bytes.count
        while position < count {
            lineNumber += 1
            var n = 0, start = position, i = position
            while i < count {
                let b = bytes[i]
                if b == 10 { break }
                if b == 44 {
                    addField(&n, start, i)
                    start = i + 1
                }
                i += 1
            }
            let end = i > position && bytes[i - 1] == 13 ? i - 1 : i
            let lineStart = position
            position = i + 1
            guard end > lineStart else { continue }
            addField(&n, start, max(start, end))
            fieldCount = n
            return true
        }
        return false
    }

    private mutating func addField(_ n: inout Int, _ start: Int, _ end: Int) {
        if 2 * n + 2 > bounds.count {
            let grown = UnsafeMutableBufferPointer<Int>.allocate(capacity: bounds.count * 2)
            _ = grown.initialize(from: bounds)
            bounds.deallocate()
            bounds = grown
        }
        bounds[2 * n] = start
        bounds[2 * n + 1] = end
        n += 1
    }

    func error(_ what: String) -> ComponentError { ComponentError("\(path):\(lineNumber): \(what)") }

    /// The field as text, control bytes escaped: it is quoted in messages.
    func text(_ field: Int) -> String { EscapedText.bytes(UnsafeBufferPointer(rebasing: bytes[range(field)])) }

    func isEmpty(_ field: Int) -> Bool { range(field).isEmpty }

    /// The field as a number, or an error naming the column and the text.
    func double(_ field: Int, _ column: String) throws -> Double {
        guard let value = parseDouble(range(field)) else {
            throw error("bad number '\(text(field))' in column '\(column)'")
        }
        return value
    }

    /// The field as a number; NaN when empty.
    func optionalDouble(_ field: Int, _ column: String) throws -> Double {
        range(field).isEmpty ? .nan : try double(field, column)
    }

    /// Decimal text → Double. Exact (correctly rounded) on the fast path: an integer mantissa
    /// below 2^53 times or over a power of ten up to 10^22 are both exact before the one
    /// rounding. Anything else (exponents, long mantissas) goes through the standard parser.
    func parseDouble(_ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let end = range.upperBound
        guard i < end else { return nil }
        let negative = bytes[i] == 45
        if negative || bytes[i] == 43 { i += 1 }
        var mantissa: UInt64 = 0
        let digitsStart = i
        while i < end, bytes[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48); i += 1 }
        var fraction = 0
        if i < end, bytes[i] == 46 {
            i += 1
            let fractionStart = i
            while i < end, bytes[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48); i += 1 }
            fraction = i - fractionStart
        }
        guard i == end else { return slowDouble(range) }
        let digits = i - digitsStart - (fraction > 0 || bytes[i - 1] == 46 ? 1 : 0)
        guard digits > 0 else { return nil }
        // Up to 19 digits cannot wrap a UInt64; longer ones take the slow path.
        guard digits <= 19, mantissa < 1 << 53, fraction <= 22 else { return slowDouble(range) }
        // Each power of ten up to 10^22 is exact, so the products below are too.
        var scale = 1.0
        for _ in 0..<fraction { scale *= 10 }
        let value = Double(mantissa) / scale
        return negative ? -value : value
    }

    func slowDouble(_ range: Range<Int>) -> Double? {
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)), value.isFinite || value.isNaN else { return nil }
        return value
    }

    /// "YYYY-MM-DDTHH:MM:SS[.fff…](Z|+00:00)" → nanoseconds since the epoch, UTC.
    func parseTimestamp(_ range: Range<Int>) -> Int64? {
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
              MarketDate.years.contains(year), (1...12).contains(month), day >= 1, day <= MarketDate.daysInMonth(year: year, month: month),
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
        let utc = n - i == 1 ? bytes[s + i] == 90  // "Z"
            : n - i == 6 && bytes[s + i] == 43 && bytes[s + i + 3] == 58  // "+00:00"
                && (0..<5).allSatisfy { k in k == 2 || bytes[s + i + 1 + k] == 48 }
        guard utc else { return nil }
        let days = NewYorkCalendar.days(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000_000_000 + second * 1_000_000_000 + nanos
    }
}
