import PackKit

/// One matrix column: an indicator (of a pack or `builtin`) with its parameters, and which of
/// its outputs to keep.
public struct FeatureSpec: Sendable, Equatable {
    public var name: String
    public var pack: String
    public var indicator: String
    public var params: [String: JSON]
    /// The output to keep; nil means the indicator's only output.
    public var output: String?

    var json: JSON {
        var o: [String: JSON] = ["name": .string(name), "pack": .string(pack), "indicator": .string(indicator), "params": .object(params)]
        if let output { o["output"] = .string(output) }
        return .object(o)
    }
}

/// A versioned list of features with the labeler and data-QA gate that go with them, read
/// from a pack's YAML resource or a model's own file in the workspace.
public struct IndicatorSet: Sendable, Equatable {
    public var id: String
    public var version: String
    public var status: String
    public var description: String
    public var labeler: ComponentRef?
    public var qaGate: ComponentRef?
    public var features: [FeatureSpec]
    /// Where it was read from (for messages and lineage), and the digest of its bytes.
    public var source: String
    public var sha: String

    /// The most features a set may list (README "Input limits").
    public static let maxFeatures = 100_000

    public init(yaml text: String, source: String, defaultPack: String) throws(WorkspaceError) {
        try self.init(json: try YAMLDocument.parse(text, source: source), source: source, sha: Hashing.sha256(text), defaultPack: defaultPack)
    }

    /// The set from its parsed document; `sha` is the digest of the bytes it was read from.
    init(json: JSON, source: String, sha: String, defaultPack: String) throws(WorkspaceError) {
        var r = try ObjectReader(json, context: source)
        id = try r.string("id")
        version = try r.optionalString("version") ?? "1"
        status = try r.optionalString("status") ?? "experimental"
        description = try r.optionalString("description") ?? ""
        labeler = try r.value("labeler").map { j throws(WorkspaceError) in try ComponentRef(j, defaultPack: defaultPack, context: "\(source): labeler") }
        qaGate = try r.value("qa_gate").map { j throws(WorkspaceError) in try ComponentRef(j, defaultPack: defaultPack, context: "\(source): qa_gate") }
        var features: [FeatureSpec] = [], names: Set<String> = []
        let items = try r.array("features")
        guard items.count <= IndicatorSet.maxFeatures else {
            throw WorkspaceError("\(source): \(items.count) features, more than the limit of \(IndicatorSet.maxFeatures)")
        }
        for (index, item) in items.enumerated() {
            var f = try ObjectReader(item, context: "\(source): features[\(index)]")
            let spec = FeatureSpec(name: try f.string("name"), pack: try f.optionalString("pack") ?? defaultPack,
                                   indicator: try f.string("indicator"), params: try f.object("params"),
                                   output: try f.optionalString("output"))
            try f.finish()
            guard !spec.name.isEmpty else { throw WorkspaceError("\(source): features[\(index)]: the feature name is empty") }
            guard spec.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), spec.name != "ts", spec.name != "label",
                  !spec.name.hasPrefix("outcome_") else {
                throw WorkspaceError("\(source): feature name '\(EscapedText.text(spec.name))' must be letters, digits and '_', and not ts, label or outcome_*")
            }
            // A set, not a scan of the list: 40,000 features took 97 s when this was quadratic.
            guard names.insert(spec.name).inserted else {
                throw WorkspaceError("\(source): feature name '\(spec.name)' appears twice")
            }
            features.append(spec)
        }
        try r.finish()
        guard !features.isEmpty else { throw WorkspaceError("\(source): 'features' lists no feature") }
        self.features = features
        self.source = source
        self.sha = sha
    }

    /// The parsed set as canonical JSON (what `config_sha` covers).
    public var json: JSON {
        var o: [String: JSON] = ["id": .string(id), "version": .string(version), "status": .string(status),
                                 "features": .array(features.map(\.json))]
        if let labeler { o["labeler"] = labeler.json }
        if let qaGate { o["qa_gate"] = qaGate.json }
        return .object(o)
    }
}
