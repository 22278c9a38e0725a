import PluginAPI
import Testing

/// The C helpers a C pack compiles in (`edgehost_plugin_helpers.h`): the flat-JSON reader for
/// parameters and queries, and the ISO 8601 parsers.
@Suite struct CHelpersTests {
    enum Value: Equatable {
        case string(String), number(Double), bool(Bool)
    }

    /// The parsed members by key, or the reader's error message.
    static func parse(_ text: String) -> Result<[String: Value], Failure> {
        var object = edgehost_json_t()
        var error = [CChar](repeating: 0, count: 256)
        guard edgehost_json_parse(text, &object, &error, error.count) == 0 else {
            #expect(object.storage == nil && object.count == 0, "a failed parse keeps nothing to free")
            return .failure(Failure(message: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        defer { edgehost_json_free(&object) }
        var members: [String: Value] = [:]
        let count = Int(object.count)
        withUnsafePointer(to: &object.members) { tuple in
            tuple.withMemoryRebound(to: edgehost_json_member_t.self, capacity: Int(EDGEHOST_JSON_MAX_MEMBERS)) { m in
                for i in 0..<count {
                    let value: Value = switch m[i].type {
                    case EDGEHOST_JSON_STRING: .string(String(cString: m[i].string))
                    case EDGEHOST_JSON_NUMBER: .number(m[i].number)
                    default: .bool(m[i].boolean != 0)
                    }
                    members[String(cString: m[i].key)] = value
                }
            }
        }
        return .success(members)
    }

    struct Failure: Error, Equatable { var message: String }

    @Test func readsAFlatObjectWithEveryEscape() throws {
        let members = try Self.parse(#" { "period" : 14, "band": -1.5e-3, "source": "/tmp/a \"b\".csv", "s": "\u00e9\ud83d\ude00\n\/", "on": true, "off": false } "#).get()
        #expect(members == ["period": .number(14), "band": .number(-0.0015), "source": .string("/tmp/a \"b\".csv"),
                            "s": .string("é😀\n/"), "on": .bool(true), "off": .bool(false)])
        #expect(try Self.parse("{}").get().isEmpty)
    }

    @Test func typedReadsSayAbsentOrWrongType() {
        var object = edgehost_json_t()
        var error = [CChar](repeating: 0, count: 256)
        #expect(edgehost_json_parse(#"{"n": 3, "s": "x"}"#, &object, &error, error.count) == 0)
        defer { edgehost_json_free(&object) }
        var number = 0.0, flag: Int32 = 0
        var string: UnsafePointer<CChar>?
        #expect(edgehost_json_number(&object, "n", &number) == 1 && number == 3)
        #expect(edgehost_json_number(&object, "s", &number) == -1)
        #expect(edgehost_json_number(&object, "missing", &number) == 0)
        #expect(edgehost_json_string(&object, "s", &string) == 1 && string.map { String(cString: $0) } == "x")
        #expect(edgehost_json_bool(&object, "n", &flag) == -1)
    }

    @Test(arguments: [
        ("[]", "expected an object ('{') at byte 0"),
        (#"{"a": {"b": 1}}"#, "member 'a' is an object; only strings, numbers and booleans are allowed here"),
        (#"{"a": [1]}"#, "member 'a' is an array; only strings, numbers and booleans are allowed here"),
        (#"{"a": null}"#, "member 'a' is null; only strings, numbers and booleans are allowed here"),
        (#"{"a": 1, "a": 2}"#, "member 'a' appears twice"),
        (#"{"a": 01}"#, "expected ',' or '}' after member 'a' at byte 7"),
        (#"{"a": 1e999}"#, "member 'a': malformed or out-of-range number at byte 6"),
        (#"{"a": "\u0000"}"#, "a NUL character \\u0000 at byte 7"),
        (#"{"a": "\ud800"}"#, "unpaired surrogate \\uD800 at byte 7"),
        (#"{"a": 1} x"#, "text after the object at byte 9"),
        (#"{"a": 1,}"#, "expected a member name in quotes at byte 8"),
        (#"{"a": "x"#, "string at byte 6 is not terminated"),
        (#"{"a": tru}"#, "member 'a': expected a value at byte 6"),
    ])
    func refusesAnythingElseSayingWhatAndWhere(_ text: String, _ message: String) {
        let result = Self.parse(text)
        #expect(result == .failure(Failure(message: "JSON: " + message)), "\(result)")
    }

    @Test func parsesISO8601DatesAndInstants() {
        var days: Int64 = 0, ns: Int64 = 0
        #expect(edgehost_parse_date("2024-02-29", &days) == 0 && days == 19_782)
        #expect(edgehost_parse_date("2023-02-29", &days) == -1, "not a day")
        #expect(edgehost_parse_date("2024-02-29T00:00:00Z", &days) == -1, "a date only")
        let open: Int64 = 1_711_459_800_000_000_000 // 2024-03-26T13:30:00Z
        for text in ["2024-03-26T13:30:00Z", "2024-03-26T09:30:00-04:00", "2024-03-26T09:30-0400", "2024-03-26 15:30:00+02"] {
            #expect(edgehost_parse_timestamp(text, &ns) == 0 && ns == open, "\(text)")
        }
        #expect(edgehost_parse_timestamp("2024-03-26T13:30:00.123456789Z", &ns) == 0 && ns == open + 123_456_789)
        #expect(edgehost_parse_timestamp("2024-03-26", &ns) == 0 && ns == 19_808 * 86_400_000_000_000, "a date is midnight UTC")
        #expect(edgehost_parse_timestamp("1969-12-31T23:59:59.5Z", &ns) == 0 && ns == -500_000_000)
        #expect(edgehost_parse_timestamp("2262-04-11T23:47:16.854775807Z", &ns) == 0 && ns == Int64.max)
        for bad in ["2024-03-26T13:30:00", "2024-03-26T13:30:60Z", "2024-03-26T24:00:00Z", "2024-03-26T13:30:00.1234567890Z",
                    "2262-04-11T23:47:16.854775808Z", "1600-01-01T00:00:00Z", "2024-03-26T13:30:00+05:", "2024-3-26"] {
            #expect(edgehost_parse_timestamp(bad, &ns) == -1, "\(bad)")
        }
    }
}
