/// Input quoted in a message, made safe for a terminal: a binary file's bytes would otherwise
/// reach it raw (escape sequences, bells, half-characters). Printable UTF-8 stays as it is;
/// control characters become `\n`, `\t`, `\r` or `\xNN`, bytes that are not UTF-8 become
/// `\xNN`, and C1 controls and bidirectional overrides become `\u{…}`.
public enum EscapedText {
    /// `bytes` as printable text; with `keepNewlines`, line feeds stay (multi-line messages).
    public static func bytes(_ bytes: some Collection<UInt8>, keepNewlines: Bool = false) -> String {
        // The common case, printable ASCII, as it is (CSV readers call this per field).
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: bytes, as: UTF8.self) }
        let b = Array(bytes)
        var out = ""
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let byte = b[i]
            if byte < 0x80 {
                switch byte {
                case 0x0A where keepNewlines: out += "\n"
                case 0x0A: out += "\\n"
                case 0x09: out += "\\t"
                case 0x0D: out += "\\r"
                case 0..<0x20, 0x7F: out += hex(byte)
                default: out.unicodeScalars.append(Unicode.Scalar(byte))
                }
                i += 1
            } else if let (scalar, length) = scalar(b, at: i) {
                out += isHidden(scalar) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
                i += length
            } else {
                out += hex(byte)
                i += 1
            }
        }
        return out
    }

    /// `text` with its non-printable characters escaped.
    public static func text(_ text: some StringProtocol, keepNewlines: Bool = false) -> String {
        bytes(text.utf8, keepNewlines: keepNewlines)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x\(digits[Int(byte >> 4)])\(digits[Int(byte & 15)])"
    }

    /// C1 controls and the invisible direction marks that can reorder what a terminal shows.
    private static func isHidden(_ s: Unicode.Scalar) -> Bool {
        (0x80...0x9F).contains(s.value) || (0x200B...0x200F).contains(s.value) || (0x202A...0x202E).contains(s.value)
            || (0x2066...0x2069).contains(s.value) || s.value == 0xFEFF
    }

    /// The well-formed UTF-8 sequence at `i` (shortest form, no surrogates), or nil.
    private static func scalar(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[i]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, lead < 0xF5, i + length <= b.count else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for k in 1..<length {
            guard b[i + k] & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b[i + k] & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
