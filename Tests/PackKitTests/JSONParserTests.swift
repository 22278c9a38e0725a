import PackKit
import Testing

/// `JSON.parse`: strict RFC 8259, limits, and errors with a line and column.
@Suite struct JSONParserTests {
    /// The message of the error `text` gives (empty if it parses).
    func error(_ text: String) -> String {
        do {
            _ = try JSON.parse(text)
            return ""
        } catch {
            return error.message
        }
    }

    @Test func readsEveryKindOfValue() throws {
        let json = try JSON.parse(#" {"a": [1, -2.5e3, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00", "o": {}} "#)
        #expect(json["a"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]))
        #expect(json["s"] == .string("x\"\\/\né😀"))
        #expect(json["o"] == .object([:]))
        #expect(try JSON.parse("7") == .number(7) && (try JSON.parse("\u{FEFF}[]")) == .array([]))
        #expect(try JSON.parse("-0").doubleValue == 0)
    }

    @Test func refusesWhatFoundationLetThrough() {
        #expect(error(#"{"pack": "a", "pack": "b"}"#) == #"invalid JSON at line 1, column 15: duplicate key "pack""#)
        #expect(error("{\"a\": 1,\n}") == "invalid JSON at line 2, column 1: trailing comma before '}'")
        #expect(error("[1, 2, ]") == "invalid JSON at line 1, column 8: trailing comma before ']'")
        #expect(error(#"{"seed": 1e999999}"#) == "invalid JSON at line 1, column 10: number 1e999999 out of range (beyond ±1.8e308)")
        #expect(error("[-1e400]").contains("number -1e400 out of range"))
    }

    @Test func namesLineAndColumnOfSyntaxErrors() {
        #expect(error("{\n  \"a\": tru\n}") == "invalid JSON at line 2, column 8: unexpected 'tru\\n}', expected a value")
        #expect(error("[01]") == "invalid JSON at line 1, column 2: leading zero in a number")
        #expect(error(#"{"a" 1}"#) == "invalid JSON at line 1, column 6: expected ':' after the key, found '1}'")
        #expect(error("\"abc") == "invalid JSON at line 1, column 5: unterminated string")
        #expect(error(#""\ud800""#).contains("unpaired surrogate"))
        #expect(error("[1] x") == "invalid JSON at line 1, column 5: unexpected 'x' after the JSON value")
        #expect(error("") == "invalid JSON at line 1, column 1: unexpected end of input, expected a value")
    }

    @Test func escapesBinaryBytesInMessages() {
        let message = error("{\u{1B}[31m\u{07}}")
        #expect(message == #"invalid JSON at line 1, column 2: expected a key in quotes, found '\x1b[31m\x07}'"#)
        #expect(!message.contains("\u{1B}"))
        #expect(error("\"a\tb\"").contains(#"control character '\tb"' in a string"#))
    }

    @Test func enforcesDepthAndSize() throws {
        let deep = String(repeating: "[", count: JSON.maxDepth) + String(repeating: "]", count: JSON.maxDepth)
        #expect(try JSON.parse(deep) != .null)
        let tooDeep = String(repeating: "[", count: JSON.maxDepth + 1) + String(repeating: "]", count: JSON.maxDepth + 1)
        #expect(error(tooDeep) == "invalid JSON at line 1, column \(JSON.maxDepth + 1): nested deeper than the limit of \(JSON.maxDepth)")
        // A million unclosed brackets fail at the limit instead of overflowing the stack.
        #expect(error(String(repeating: "[", count: 1_000_000)).contains("nested deeper"))
        let big = "\"" + String(repeating: "a", count: JSON.maxBytes) + "\""
        #expect(error(big) == "invalid JSON: \(JSON.maxBytes + 2) bytes, more than the limit of \(JSON.maxBytes)")
    }
}

/// `EscapedText`: what reaches a terminal when a message quotes input.
@Suite struct EscapedTextTests {
    @Test func keepsPrintableTextAndEscapesTheRest() {
        #expect(EscapedText.text("price é 😀") == "price é 😀")
        #expect(EscapedText.bytes([0x41, 0x1B, 0x5B, 0x0A, 0x09, 0x7F, 0xFF, 0xC3]) == #"A\x1b[\n\t\x7f\xff\xc3"#)
        #expect(EscapedText.text("a\nb", keepNewlines: true) == "a\nb")
        // C1 controls and direction overrides can hide or reorder what a terminal shows.
        #expect(EscapedText.text("x\u{202E}y\u{85}") == #"x\u{202e}y\u{85}"#)
        // Overlong and surrogate encodings are not UTF-8.
        #expect(EscapedText.bytes([0xC0, 0xAF, 0xED, 0xA0, 0x80]) == #"\xc0\xaf\xed\xa0\x80"#)
    }
}
