import Indicators
import PackKit
import Testing
@testable import ZeroEdge

/// The pack's YAML resources, read with a small parser for the subset they use (top-level
/// `key: value`, flow maps and lists, `- item` lines), checked against the schema the host
/// parses with Yams and against the components they name.
@Suite struct ResourceTests {
    static let indicatorSetKeys: Set = ["id", "version", "status", "description", "labeler", "qa_gate", "features"]
    static let featureKeys: Set = ["name", "pack", "indicator", "params", "output"]

    private func document(_ name: String) throws -> [String: Node] {
        let resource = try #require(ZeroEdge.resources.first { $0.name == name }, "no resource \(name)")
        #expect(resource.mediaType == "application/yaml")
        return try Node.document(String(decoding: resource.bytes, as: UTF8.self))
    }

    @Test func thePackShipsItsThreeResources() {
        #expect(ZeroEdge.resources.map(\.name) == ["indicator_sets/zeroedge_pin_drift_v1.yaml",
                                                   "indicator_sets/zeroedge_headfake_reversal_v2.yaml", "defaults.yaml"])
    }

    @Test(arguments: [("zeroedge_pin_drift_v1", "1", "stable"), ("zeroedge_headfake_reversal_v2", "2", "experimental")])
    func indicatorSetFollowsTheSchema(_ id: String, _ version: String, _ status: String) throws {
        let set = try document("indicator_sets/\(id).yaml")
        #expect(Set(set.keys) == Self.indicatorSetKeys)
        #expect(set["id"]?.text == id && set["version"]?.text == version && set["status"]?.text == status)
        #expect(set["description"]?.text?.isEmpty == false)
        try checkReference(set["labeler"], ZeroEdge.labelers.map(\.info), id: "direction_to_close")
        try checkReference(set["qa_gate"], ZeroEdge.gates.map(\.info), id: "data_qa")
        let features = try #require(set["features"]?.items)
        #expect(Set(features.compactMap { $0["name"]?.text }).count == features.count, "feature names repeat")
        for feature in features { try checkFeature(feature) }
    }

    @Test func v2ListsEveryV1FeaturePlusFiveNewOnes() throws {
        let v1 = try #require(try document("indicator_sets/zeroedge_pin_drift_v1.yaml")["features"]?.items)
        let v2 = try #require(try document("indicator_sets/zeroedge_headfake_reversal_v2.yaml")["features"]?.items)
        #expect(Array(v2.prefix(v1.count)) == v1)
        #expect(v2.dropFirst(v1.count).compactMap { $0["indicator"]?.text }
                == ["open_gap_z", "first15m_range_z", "atm_iv_open_delta", "gamma_density_peak_strike", "gamma_skew_left_right"])
        let zeroedge = Set(v2.filter { $0["pack"]?.text == "zeroedge" }.compactMap { $0["indicator"]?.text })
        #expect(zeroedge == Set(ZeroEdge.indicators.map(\.info.id)), "every zeroedge indicator is in v2")
    }

    @Test func defaultsNameThingsThatExist() throws {
        let d = try document("defaults.yaml")
        #expect(Set(d.keys) == ["model", "adapter", "preview", "build", "quality_gate", "risk_profiles",
                                "default_risk_profile", "allowed_hours", "actions", "about"])
        let model = try #require(d["model"])
        #expect(["ticker", "asset_type", "horizon", "cadence"].map { model[$0]?.text } == ["SPY", "opt", "0dte", "hourly"])
        #expect(ZeroEdge.resources.contains { $0.name == "indicator_sets/\(model["indicator_set"]?.text ?? "").yaml" })
        #expect(d["adapter"]?["id"]?.text == "sim" && d["adapter"]?["params"]?["seed"]?.text == "7")
        #expect(d["adapter"]?["params"]?["effects"]?.text == "default")
        #expect(ZeroEdge.adapters.contains { $0.info.id == "sim" }, "defaults.yaml names adapter 'sim'")
        for span in ["preview", "build"] {
            let (start, end) = (d[span]?["start"]?.text ?? "", d[span]?["end"]?.text ?? "")
            #expect(start.count == 10 && end.count == 10 && start <= end, "\(span): \(start)..\(end)")
        }
        try checkReference(d["quality_gate"], ZeroEdge.gates.map(\.info), id: "model_quality")
        #expect(d["risk_profiles"]?.items?.compactMap(\.text) == ZeroEdge.riskProfiles.map(\.info.id))
        #expect(d["default_risk_profile"]?.text == "balanced")
        #expect(d["allowed_hours"]?.items?.compactMap(\.text) == ["13", "14", "15"])
        // Every label value the labeler writes trades an outcome column it writes, or nothing.
        let actions = try #require(d["actions"]?.entries)
        #expect(actions.mapValues { $0.text ?? "" } == ["UP": "call", "DOWN": "put", "FLAT": "none"])
        let outcomes = Set(directionToClose.info.outputs.map(\.name).filter { $0.hasPrefix("outcome_") })
        #expect(actions.values.allSatisfy { $0.text == "none" || outcomes.contains("outcome_\($0.text ?? "")") })
    }

    /// `{ pack: zeroedge, id: <id>, params: {...} }` naming a component that declares those params.
    private func checkReference(_ node: Node?, _ components: [ComponentInfo], id: String) throws {
        let node = try #require(node)
        #expect(node["pack"]?.text == "zeroedge" && node["id"]?.text == id)
        let info = try #require(components.first { $0.id == id }, "no component \(id)")
        for (name, value) in node["params"]?.entries ?? [:] {
            #expect(info.params.contains { $0.name == name }, "\(id) has no parameter \(name)")
            #expect(Double(value.text ?? "") != nil, "\(id).\(name) is not a number")
        }
    }

    private func checkFeature(_ feature: Node) throws {
        let keys = Set(feature.entries?.keys.map { $0 } ?? [])
        #expect(keys.isSubset(of: Self.featureKeys) && keys.isSuperset(of: ["name", "pack", "indicator"]), "\(keys)")
        let id = feature["indicator"]?.text ?? ""
        let params: [String], outputs: [String]
        switch feature["pack"]?.text {
        case "zeroedge":
            let info = try #require(ZeroEdge.indicators.first { $0.info.id == id }?.info, "no zeroedge indicator \(id)")
            (params, outputs) = (info.params.map(\.name), info.outputs.map(\.name))
        case "builtin":
            let builtin = try #require(BuiltinIndicators.named(id), "no builtin indicator \(id)")
            (params, outputs) = (builtin.parameters.map(\.name), builtin.outputs)
        case let other:
            Issue.record("feature \(id): unknown pack \(other ?? "none")")
            return
        }
        for (name, value) in feature["params"]?.entries ?? [:] {
            #expect(params.contains(name) && Double(value.text ?? "") != nil, "\(id): parameter \(name)")
        }
        if let output = feature["output"]?.text { #expect(outputs.contains(output)) } else { #expect(outputs.count == 1) }
    }
}

/// A YAML value of the subset the resources use: scalars, flow maps `{ k: v }`, flow lists
/// `[a, b]`, and top-level keys holding `- item` lines.
private indirect enum Node: Equatable {
    case scalar(String), map([String: Node]), list([Node])

    subscript(key: String) -> Node? { entries?[key] }
    var entries: [String: Node]? { if case .map(let m) = self { m } else { nil } }
    var items: [Node]? { if case .list(let l) = self { l } else { nil } }
    var text: String? { if case .scalar(let s) = self { s } else { nil } }

    struct SyntaxError: Error, CustomStringConvertible { var description: String }

    /// Top-level keys of a document; comments and blank lines skipped, repeated keys rejected.
    static func document(_ text: String) throws -> [String: Node] {
        var result: [String: Node] = [:]
        var listKey: String?
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingPrefix(while: { $0 == " " })
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("- "), let key = listKey {
                result[key] = .list((result[key]?.items ?? []) + [try parse(String(line.dropFirst(2)))])
                continue
            }
            guard raw.first != " ", let colon = line.firstIndex(of: ":") else { throw SyntaxError(description: "bad line: \(raw)") }
            let key = String(line[..<colon]), rest = String(line[line.index(after: colon)...])
            guard result[key] == nil else { throw SyntaxError(description: "repeated key \(key)") }
            let isList = rest.allSatisfy { $0 == " " }
            listKey = isList ? key : nil
            result[key] = isList ? .list([]) : try parse(rest)
        }
        return result
    }

    static func parse(_ text: String) throws -> Node {
        var parser = Parser(chars: Array(text))
        let node = try parser.value()
        parser.skipSpaces()
        guard parser.at == parser.chars.count else { throw SyntaxError(description: "trailing text in \(text)") }
        return node
    }

    private struct Parser {
        let chars: [Character]
        var at = 0

        mutating func skipSpaces() { while at < chars.count, chars[at] == " " { at += 1 } }

        mutating func value() throws -> Node {
            skipSpaces()
            guard at < chars.count else { throw SyntaxError(description: "missing value") }
            if chars[at] == "{" || chars[at] == "[" { return try collection(closing: chars[at] == "{" ? "}" : "]") }
            if chars[at] == "\"" {
                let start = at + 1
                at = try (chars[start...].firstIndex(of: "\"") ?? { throw SyntaxError(description: "unclosed quote") }()) + 1
                return .scalar(String(chars[start..<(at - 1)]))
            }
            let start = at
            while at < chars.count, !",}]".contains(chars[at]) { at += 1 }
            return .scalar(String(chars[start..<at]).trimmedOfSpaces())
        }

        mutating func collection(closing: Character) throws -> Node {
            at += 1
            var map: [String: Node] = [:], list: [Node] = []
            while true {
                skipSpaces()
                guard at < chars.count else { throw SyntaxError(description: "unclosed \(closing)") }
                if chars[at] == closing { at += 1; break }
                if closing == "}" {
                    let start = at
                    while at < chars.count, chars[at] != ":" { at += 1 }
                    let key = String(chars[start..<at]).trimmedOfSpaces()
                    at += 1
                    guard map[key] == nil else { throw SyntaxError(description: "repeated key \(key)") }
                    map[key] = try value()
                } else {
                    list.append(try value())
                }
                skipSpaces()
                if at < chars.count, chars[at] == "," { at += 1 }
            }
            return closing == "}" ? .map(map) : .list(list)
        }
    }
}

private extension String {
    func trimmedOfSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
