import Foundation
import PackKit

/// A model resolved against the loaded packs: its indicator set read and every component
/// checked to exist with valid parameters, before any data is touched.
public struct ModelPlan: Sendable {
    public let config: ModelConfig
    public let pack: LoadedPack
    public let indicatorSet: IndicatorSet
    public let adapter: ComponentRef
    public let query: [String: JSON]
    public let labeler: ComponentRef
    public let qaGate: ComponentRef?
    public let catalogue: PackCatalogue

    /// `adapter` and `query` override the model's for one run (`--adapter csv --source F`).
    public init(config: ModelConfig, catalogue: PackCatalogue, workspace: Workspace,
                adapter: ComponentRef? = nil, query: [String: JSON] = [:]) throws {
        self.config = config
        self.catalogue = catalogue
        pack = try catalogue.pack(config.pack)
        indicatorSet = try ModelPlan.indicatorSet(config, pack: pack, workspace: workspace)
        self.adapter = adapter ?? config.adapter
        self.query = config.query.merging(query) { _, new in new }
        guard let labeler = config.labeler ?? indicatorSet.labeler else {
            throw WorkspaceError("\(indicatorSet.source): no labeler: add `labeler: { pack: \(pack.id), id: … }` to the set or the model")
        }
        self.labeler = labeler
        qaGate = indicatorSet.qaGate
        try validate()
    }

    /// The model's own set in the workspace wins over the pack's.
    static func indicatorSet(_ config: ModelConfig, pack: LoadedPack, workspace: Workspace) throws -> IndicatorSet {
        let override = try workspace.indicatorSetOverride(pack: pack.id, model: config.modelID)
        if let data = FileManager.default.contents(atPath: override) {
            return try IndicatorSet(yaml: String(decoding: data, as: UTF8.self), source: override, defaultPack: pack.id)
        }
        let name = "indicator_sets/\(config.indicatorSet).yaml"
        guard let bytes = pack.resources[name] else {
            let known = pack.resources.keys.filter { $0.hasPrefix("indicator_sets/") }
                .map { String($0.dropFirst("indicator_sets/".count).dropLast(".yaml".count)) }.sorted()
            throw WorkspaceError("pack '\(pack.id)' has no indicator set '\(config.indicatorSet)' (it has: \(known.joined(separator: ", ")); a model may also bring its own at \(override))")
        }
        return try IndicatorSet(yaml: String(decoding: bytes, as: UTF8.self), source: "pack \(pack.id): \(name)", defaultPack: pack.id)
    }

    private func validate() throws {
        for feature in indicatorSet.features {
            let info = try FeatureComputer.info(feature, catalogue: catalogue)
            _ = try ParameterValidator.complete(feature.params, against: info.params, component: "feature '\(feature.name)' (\(feature.pack).\(feature.indicator))")
            _ = try FeatureComputer.outputName(feature, info: info)
        }
        try checkComponent(.dataAdapter, adapter, "adapter")
        try checkComponent(.labeler, labeler, "labeler")
        if let qaGate { try checkComponent(.gate, qaGate, "qa gate") }
    }

    private func checkComponent(_ kind: ComponentKind, _ ref: ComponentRef, _ role: String) throws {
        let info = try catalogue.pack(ref.pack).info(kind, ref.id)
        _ = try ParameterValidator.complete(ref.params, against: info.params, component: "\(role) '\(ref.pack).\(ref.id)'")
    }

    /// Every loaded pack the plan calls (builtins excluded), sorted.
    var usedPackIDs: [String] {
        Set([pack.id, adapter.pack, labeler.pack, qaGate?.pack ?? pack.id] + indicatorSet.features.map(\.pack))
            .subtracting([BuiltinIndicatorSet.packID]).sorted()
    }

    /// Pack ids with their versions and ABI versions, for configurations and manifests.
    var packVersions: JSON {
        .object(Dictionary(uniqueKeysWithValues: usedPackIDs.compactMap { id in
            (try? catalogue.pack(id)).map { p in (id, JSON.object(["version": .string(p.version), "abi": .string("\(p.abiMajor).\(p.abiMinor)")])) }
        }))
    }

    /// Everything that determines the matrix, as canonical JSON: `config_sha` is its digest.
    public var configJSON: JSON {
        .object([
            "model": config.json, "indicator_set": indicatorSet.json, "adapter": adapter.json,
            "query": .object(query), "labeler": labeler.json, "packs": packVersions,
            "edgehost": .string(EdgehostVersion.current),
        ])
    }

    public var configSHA: String { Hashing.sha256(configJSON.text) }
}
