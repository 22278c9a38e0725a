import Foundation
@testable import Host
import PackKit
import Testing

/// README "Input limits" and the inputs issue 13 found accepted without complaint.
@Suite struct InputLimitTests {
    /// The message of the error `body` throws (empty if it does not throw).
    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// Nine levels of nine aliases: 387 million strings from 9 lines ("billion laughs").
    static let aliasBomb = (0..<9).map { level -> String in
        let name = String(UnicodeScalar(UInt8(97 + level)))
        let items = level == 0 ? Array(repeating: "lol", count: 9) : Array(repeating: "*" + String(UnicodeScalar(UInt8(96 + level))), count: 9)
        return "\(name): &\(name) [\(items.joined(separator: ","))]"
    }.joined(separator: "\n") + "\n"

    @Test func aliasBombIsRefusedBeforeComposing() {
        // Nodes so far: a..f expand to 672,610; the second *f inside g passes the 1,000,000 budget.
        #expect(message { _ = try YAMLDocument.parse(Self.aliasBomb, source: "risk.yaml") }
            == "risk.yaml, line 7: the document expands to more than 1000000 nodes (aliases nested too deep?); refused")
        // Yams hashes mapping keys to find duplicates: an alias key would walk its whole expansion.
        let keyBomb = Self.aliasBomb.split(separator: "\n").prefix(6).joined(separator: "\n") + "\n? *f\n: 1\n"
        #expect(message { _ = try YAMLDocument.parse(keyBomb, source: "k.yaml") } == "k.yaml, line 7: a mapping key must be a plain string; refused")
        // Within the budget, aliases still work.
        let small = try? YAMLDocument.parse("a: &a [1, 2]\nb: *a\n", source: "s.yaml")
        #expect(small?["b"] == .array([.number(1), .number(2)]))
    }

    /// Fuzz/regressions/risk-yaml/alias-chain-scalar-anchor.yaml: a mutated bomb whose third
    /// level is a scalar stays within the node budget (672,000 nodes) but took 26 s while each
    /// alias use was converted again; converted once per anchor it is instant.
    @Test func aliasesAreConvertedOncePerAnchor() throws {
        var lines = Self.aliasBomb.split(separator: "\n").map(String.init)
        lines[2] = "c: &c .inf,*b,*b,*b,*b,*b,*b,*b,*b]"
        let json = try YAMLDocument.parse(lines.joined(separator: "\n"), source: "r.yaml")
        #expect(json["c"] == .string(".inf,*b,*b,*b,*b,*b,*b,*b,*b]"))
        guard case .array(let i)? = json["i"], case .array(let h) = i[8] else { Issue.record("i is not a list of lists"); return }
        #expect(i.count == 9 && h.count == 9)
        // An anchor may be defined again: an alias takes the latest definition.
        let shadowed = try YAMLDocument.parse("a: &x [1]\nb: &x [2]\nc: *x\n", source: "s.yaml")
        #expect(shadowed["a"] == .array([.number(1)]) && shadowed["c"] == .array([.number(2)]))
    }

    @Test func yamlDepthIsLimited() {
        let nested = { (n: Int) in "a: " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "\n" }
        #expect((try? YAMLDocument.parse(nested(YAMLLimits.maxDepth - 1), source: "d.yaml")) != nil)
        #expect(message { _ = try YAMLDocument.parse(nested(YAMLLimits.maxDepth), source: "d.yaml") }
            == "d.yaml, line 1: nested deeper than the limit of 64 levels; refused")
        // Shallow where written, deep once the alias is expanded.
        let viaAlias = "a: &a " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\nb: "
            + String(repeating: "[", count: 30) + "*a" + String(repeating: "]", count: 30) + "\n"
        #expect(message { _ = try YAMLDocument.parse(viaAlias, source: "d.yaml") }
            == "d.yaml, line 2: nested deeper than the limit of 64 levels (aliases expanded); refused")
    }

    @Test func yamlErrorsNameTheFileAndEscapeBinary() {
        let text = message { _ = try YAMLDocument.parse("a: [1\u{1B}[2J, \u{07}\n", source: "/tmp/set.yaml") }
        #expect(text.hasPrefix("/tmp/set.yaml: invalid YAML: "), "\(text)")
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}") && text.contains(#"\x1b"#), "\(text)")
    }

    @Test func featureNamesAreCheckedInLinearTime() throws {
        // 40,000 features took 97 s when each name was compared with every earlier one (800
        // million comparisons); with a hash set this is milliseconds. Built as JSON, so the
        // test times the check, not the YAML reader (the CLI test reads a YAML set).
        let n = 40_000
        let feature = { (name: String) in JSON.object(["name": .string(name), "indicator": .string("rsi"), "pack": .string("builtin")]) }
        let items = (0..<n).map { feature("f\($0)") }
        let set = try IndicatorSet(json: .object(["id": .string("big"), "features": .array(items)]), source: "big.yaml", sha: "", defaultPack: "p")
        #expect(set.features.count == n && set.features.last?.name == "f39999")
        #expect(message { _ = try IndicatorSet(json: .object(["id": .string("big"), "features": .array(items + [feature("f17")])]),
                                               source: "big.yaml", sha: "", defaultPack: "p") }
            == "big.yaml: feature name 'f17' appears twice")
    }

    @Test func emptyAndOverLongFeatureListsAreRefused() {
        #expect(message { _ = try IndicatorSet(yaml: "id: s\nfeatures:\n  - {name: '', indicator: rsi}\n", source: "s.yaml", defaultPack: "p") }
            == "s.yaml: features[0]: the feature name is empty")
        let tooMany = "id: s\nfeatures: [" + Array(repeating: "{}", count: IndicatorSet.maxFeatures + 1).joined(separator: ",") + "]\n"
        #expect(message { _ = try IndicatorSet(yaml: tooMany, source: "s.yaml", defaultPack: "p") }
            == "s.yaml: 100001 features, more than the limit of 100000")
    }

    @Test func instantsMustBeReal() {
        #expect(Timestamps.parseInstant("2024-02-29T14:30:59Z") == 1_709_217_059_000_000_000)
        for bad in ["2024-02-31T25:61:00Z", "2024-02-30T10:00:00Z", "2023-02-29T10:00:00Z", "2024-01-01T24:00:00Z",
                    "2024-01-01T10:60:00Z", "2024-01-01 10:00:00Z", "2024-01-01T10:00:00", "9999-12-31T23:59:59Z", ""] {
            #expect(Timestamps.parseInstant(bad) == nil, "\(bad)")
        }
    }

    @Test func hugeIntegerParametersAreRefused() {
        let spec = ParamSpec.int("seed", default: 7, min: 0)
        #expect(message { _ = try ParameterValidator.complete(["seed": .number(1e29)], against: [spec], component: "zeroedge.sim") }
            == "zeroedge.sim: parameter 'seed' = 1e+29 is too large for an integer (limit ±9007199254740992) [invalid-parameters]")
        #expect((try? ParameterValidator.complete(["seed": .number(9_007_199_254_740_992)], against: [spec], component: "c")) != nil)
    }

    @Test func sweepGridsAreCapped() throws {
        let grid: [(name: String, count: Int)] = [("thresholds", 437), ("holds", 437)]
        #expect(message { _ = try SweepLimit.check(grid, max: SweepLimit.defaultMax) }
            == "the sweep grid has 190969 configurations (437 thresholds × 437 holds), more than the limit of 10000: narrow the grid or raise --max-configs")
        #expect(try SweepLimit.check(grid, max: 200_000) == 190_969)
        #expect(message { _ = try SweepLimit.check([("a", Int.max), ("b", 3)], max: 10) }.contains("more than \(Int.max) configurations"))
    }

    @Test func matrixTimestampsDoNotOverflow() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-matrix-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Each part once went through Int64 arithmetic unchecked: this hour overflowed and trapped.
        try "\u{FEFF}ts,f,label,label_end_ts\n2024-07-01T9223372036854775807:00:00Z,1,up,2024-07-01T15:00:00Z\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(message { _ = try Matrix.read(path: path) } == "\(path): line 2: '2024-07-01T9223372036854775807:00:00Z' is not a UTC timestamp")
    }

    @Test func packDefaultHoursMustBeHours() {
        for hour in [".nan", "1e300", "24", "13.5"] {
            #expect(message { _ = try PackDefaults(yaml: "allowed_hours: [\(hour)]\n", source: "d.yaml", pack: "p") }
                .hasPrefix("d.yaml: allowed_hours: "), "\(hour)")
        }
    }
}
