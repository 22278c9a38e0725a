/// A strict RFC 8259 reader for `JSON.parse`. Foundation's decoder takes duplicate keys (the
/// last silently wins), reports errors without a position and calls `1e999999` "expected
/// Dictionary"; this one refuses duplicates, trailing commas and out-of-range numbers, caps
/// depth and size (README "Input limits"), and names the line and column of every error.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    /// Parses the whole of `bytes` (a leading UTF-8 byte-order mark is skipped).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSON {
        guard bytes.count <= JSON.maxBytes else {
            throw JSONError("invalid JSON: \(bytes.count) bytes, more than the limit of \(JSON.maxBytes)")
        }
        var parser = JSONParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.i = 3 }
        let value = try parser.value()
        parser.skipSpace()
        guard parser.i == bytes.count else { throw parser.fail("unexpected \(parser.found) after the JSON value") }
        return value
    }

    private mutating func value() throws(JSONError) -> JSON {
        skipSpace()
        guard i < bytes.count else { throw fail("unexpected end of input, expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("unexpected \(found), expected a value")
        }
    }

    private mutating func object() throws(JSONError) -> JSON {
        try enter()
        var out: [String: JSON] = [:]
        skipSpace()
        if peek(UInt8(ascii: "}")) { return leave(.object(out)) }
        while true {
            skipSpace()
            if !out.isEmpty, i < bytes.count, bytes[i] == UInt8(ascii: "}") { throw fail("trailing comma before '}'") }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes, found \(found)") }
            let keyStart = i
            let key = try string()
            guard out[key] == nil else { throw fail("duplicate key \(JSON.quote(key))", at: keyStart) }
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw fail("expected ':' after the key, found \(found)") }
            out[key] = try value()
            skipSpace()
            if peek(UInt8(ascii: "}")) { return leave(.object(out)) }
            guard peek(UInt8(ascii: ",")) else { throw fail("expected ',' or '}', found \(found)") }
        }
    }

    private mutating func array() throws(JSONError) -> JSON {
        try enter()
        var out: [JSON] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) { return leave(.array(out)) }
        while true {
            skipSpace()
            if !out.isEmpty, i < bytes.count, bytes[i] == UInt8(ascii: "]") { throw fail("trailing comma before ']'") }
            out.append(try value())
            skipSpace()
            if peek(UInt8(ascii: "]")) { return leave(.array(out)) }
            guard peek(UInt8(ascii: ",")) else { throw fail("expected ',' or ']', found \(found)") }
        }
    }

    /// Opens `{` or `[`, counting nesting against the limit.
    private mutating func enter() throws(JSONError) {
        depth += 1
        guard depth <= JSON.maxDepth else { throw fail("nested deeper than the limit of \(JSON.maxDepth)") }
        i += 1
    }

    private mutating func leave(_ value: JSON) -> JSON {
        depth -= 1
        return value
    }

    private mutating func string() throws(JSONError) -> String {
        i += 1  // the opening quote
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            guard b >= 0x20 else { throw fail("control character \(found) in a string (escape it)") }
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("unterminated string") }
            let escape = bytes[i]
            i += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): out += Array(String(Character(try unicodeEscape())).utf8)
            default: throw fail("invalid escape '\\\(EscapedText.bytes([escape]))' in a string", at: i - 2)
            }
        }
    }

    /// The scalar of `\uXXXX` (after the `u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws(JSONError) -> Unicode.Scalar {
        let start = i - 2
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high) {
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                throw fail("unpaired surrogate in a \\u escape", at: start)
            }
            i += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate in a \\u escape", at: start) }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw fail("unpaired surrogate in a \\u escape", at: start) }
        return scalar
    }

    private mutating func hex4() throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count else { throw fail("unterminated \\u escape") }
            let b = bytes[i]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw fail("expected 4 hex digits after \\u, found \(found)")
            }
            v = v << 4 | UInt32(digit)
            i += 1
        }
        return v
    }

    /// RFC 8259 number grammar, converted by the standard library; a value past Double's range is an error.
    private mutating func number() throws(JSONError) -> Double {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let integerStart = i, integerDigits = digits()
        guard integerDigits > 0 else { throw fail("expected a digit, found \(found)") }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw fail("leading zero in a number", at: start) }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("expected a digit after '.', found \(found)") }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("expected a digit in the exponent, found \(found)") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let n = Double(text), n.isFinite else {
            throw fail("number \(text.prefix(40))\(text.count > 40 ? "…" : "") out of range (beyond ±1.8e308)", at: start)
        }
        return n
    }

    /// Skips decimal digits and returns how many.
    private mutating func digits() -> Int {
        let start = i
        while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        return i - start
    }

    private mutating func literal(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: n)
        guard i + n <= bytes.count, bytes[i..<(i + n)].elementsEqual(expected) else {
            throw fail("unexpected \(found), expected a value")
        }
        i += n
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// Consumes `byte` when it is next.
    private mutating func peek(_ byte: UInt8) -> Bool {
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    /// The token at the cursor for a message, escaped (input may be binary).
    private var found: String {
        guard i < bytes.count else { return "end of input" }
        let end = min(bytes.count, i + 12)
        return "'\(EscapedText.bytes(bytes[i..<end]))'"
    }

    /// "invalid JSON at line L, column C: what", the column counted in characters.
    private func fail(_ what: String, at offset: Int? = nil) -> JSONError {
        let at = min(offset ?? i, bytes.count)
        var line = 1, column = 1
        for b in bytes[0..<at] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return JSONError("invalid JSON at line \(line), column \(column): \(what)")
    }
}
