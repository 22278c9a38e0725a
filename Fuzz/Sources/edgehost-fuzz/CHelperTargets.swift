import PluginAPI

/// The C helpers packs compile in (`edgehost_plugin_helpers.h`): the flat-JSON reader and the
/// ISO 8601 parsers, on the same input. Besides not crashing, a successful parse must be
/// consistent; a broken invariant is a finding (a trap).
func cHelperTargets() -> [FuzzTarget] {
    [
        FuzzTarget(name: "c-helpers-json", tokens: jsonTokens + ["\\ud83d\\ude00", "\\u00e9", "\\/", "2024-02-29", "T13:30:00Z",
                                                                   "+05:30", ".123456789", "1677-09-21", "2262-04-11"]) { data in
            var text = Array(data)
            text.append(0)
            checkJSON(text)
            checkInstant(text)
        },
    ]
}

private func checkJSON(_ text: [UInt8]) {
    var object = edgehost_json_t()
    var error = [CChar](repeating: 0, count: 256)
    let status = text.withUnsafeBufferPointer { input in
        input.withMemoryRebound(to: CChar.self) { edgehost_json_parse($0.baseAddress, &object, &error, error.count) }
    }
    defer { edgehost_json_free(&object) }
    guard status == 0 else {
        precondition(object.storage == nil && object.count == 0, "a failed parse left storage")
        precondition(error[0] != 0, "a failed parse without a message")
        return
    }
    let length = text.firstIndex(of: 0) ?? text.count
    precondition(object.count <= UInt32(EDGEHOST_JSON_MAX_MEMBERS))
    let count = Int(object.count)
    let keys = withUnsafePointer(to: object.members) { tuple in
        tuple.withMemoryRebound(to: edgehost_json_member_t.self, capacity: Int(EDGEHOST_JSON_MAX_MEMBERS)) { members in
            (0..<count).map { i in
                let m = members[i]
                precondition(strlen(m.key) <= length, "key longer than the input")
                switch m.type {
                case EDGEHOST_JSON_STRING: precondition(strlen(m.string) <= length, "string longer than the input")
                case EDGEHOST_JSON_NUMBER: precondition(m.number.isFinite, "a non-finite number")
                case EDGEHOST_JSON_BOOL: precondition(m.boolean == 0 || m.boolean == 1)
                default: preconditionFailure("unknown member type \(m.type)")
                }
                // The key's bytes as they are (a String would replace invalid UTF-8).
                return Array(UnsafeBufferPointer(start: m.key, count: strlen(m.key) + 1))
            }
        }
    }
    for key in keys {
        precondition(edgehost_json_get(&object, key) != nil, "a parsed key is not found")
    }
}

/// A date alone is midnight UTC as a timestamp (when that midnight fits int64 nanoseconds).
private func checkInstant(_ text: [UInt8]) {
    var days: Int64 = 0, ns: Int64 = 0
    text.withUnsafeBufferPointer { input in
        input.withMemoryRebound(to: CChar.self) { s in
            let date = edgehost_parse_date(s.baseAddress, &days)
            let instant = edgehost_parse_timestamp(s.baseAddress, &ns)
            // A day at the ends of the int64-nanosecond range (1677-09-21) may have no midnight in it.
            let representable = (-9_223_372_035...9_223_372_036).contains(days * 86_400)
            if date == 0 && representable {
                precondition(instant == 0 && ns == days * 86_400_000_000_000, "a date and its midnight disagree")
            }
        }
    }
}
