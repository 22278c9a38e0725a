import Foundation
import PackKit

extension Registry {
    /// Freezes the workspace's trained model (`artifacts/<model>/<risk_profile>/`) and its backtest
    /// report as the model's next version. The same model.json twice needs `force`.
    public func register(model: String, workspace: Workspace, riskProfile: String? = nil, notes: String = "",
                         actor: String, force: Bool = false) throws -> RegistryEntry {
        let source = try RegistrationSource(model: model, workspace: workspace, riskProfile: riskProfile)
        return try write { state in
            let m = state.model(model)
            if !force, let same = state.entries.first(where: { $0.modelID == model && $0.lineage["model_sha"] == source.lineage["model_sha"] }) {
                throw WorkspaceError("\(source.folder): this model.json is already registered as \(same.id); --force registers it again as a new version")
            }
            let version = "v\(m.versions.count + 1)"
            let entry = RegistryEntry(modelID: model, version: version, createdAt: clock(), schemaHash: source.schemaHash,
                                      thresholds: source.thresholds, path: "\(model)/\(version)", metrics: source.metrics,
                                      lineage: source.lineage, notes: notes)
            try store(entry, files: source.files)
            let line = LedgerLine(ts: entry.createdAt, action: "register", modelID: model, fromVersion: nil, toVersion: version,
                                  reason: notes, actor: actor)
            return ([line], entry)
        }
    }

    /// Writes the version folder whole: a staging sibling, synced, then renamed into place. A
    /// folder already there is an orphan of a killed register (the ledger does not name it).
    private func store(_ entry: RegistryEntry, files: [String: Data]) throws {
        let fm = FileManager.default
        let modelFolder = path(entry.modelID)
        let staging = (modelFolder as NSString).appendingPathComponent(".\(entry.version).tmp-\(getpid())")
        let final = folder(entry)
        // Under the lock, any dot-folder is a staging folder of a killed register.
        for name in (try? fm.contentsOfDirectory(atPath: modelFolder)) ?? [] where name.hasPrefix(".") {
            try? fm.removeItem(atPath: (modelFolder as NSString).appendingPathComponent(name))
        }
        var all = files
        all[Self.entryFile] = Data(entry.json.prettyText.utf8)
        for (name, data) in all.sorted(by: { $0.key < $1.key }) {
            try DurableFile.write(data, to: (staging as NSString).appendingPathComponent(name))
        }
        try? fm.removeItem(atPath: final)
        guard rename(staging, final) == 0 else {
            throw WorkspaceError("\(final): cannot create the version folder: \(String(cString: strerror(errno)))")
        }
        try DurableFile.syncFolder(modelFolder)
        try DurableFile.syncFolder(root)
    }
}

/// What `register` copies, read and checked before the lock is taken.
struct RegistrationSource {
    let folder: String
    var files: [String: Data] = [:]
    let schemaHash: String
    let thresholds: JSON
    let metrics: JSON
    let lineage: JSON

    init(model: String, workspace: Workspace, riskProfile: String?) throws {
        folder = try workspace.artifactFolder(model, riskProfile: try Self.riskProfile(model, workspace: workspace, riskProfile))
        for name in [ModelArtifact.modelFile, ModelArtifact.metaFile, ModelArtifact.importanceFile] {
            let file = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw WorkspaceError("\(file): missing; train the model first: `edgehost train --model \(model)`")
            }
            files[name] = data
        }
        let meta = try Self.parse(files[ModelArtifact.metaFile]!, (folder as NSString).appendingPathComponent(ModelArtifact.metaFile))
        let modelSHA = Hashing.sha256(files[ModelArtifact.modelFile]!)
        guard meta["model_sha"]?.stringValue == modelSHA else {
            throw WorkspaceError("\(folder): model.json does not match meta.json's model_sha (the artifact was modified); retrain with `edgehost train --force`")
        }
        guard let schema = meta["feature_schema_sha"]?.stringValue else {
            throw WorkspaceError("\(folder)/meta.json lacks feature_schema_sha; retrain with `edgehost train --force`")
        }
        let reportPath = try workspace.backtestReport(model)
        guard let reportData = FileManager.default.contents(atPath: reportPath) else {
            throw WorkspaceError("\(reportPath): no backtest report for \(model); run `edgehost backtest --model \(model)` first")
        }
        let report = try Self.parse(reportData, reportPath)
        guard report["model_id"]?.stringValue == model else {
            throw WorkspaceError("\(reportPath): the report is of model \(report["model_id"]?.text ?? "none"), not \(model)")
        }
        for key in ["matrix_sha", "config_sha"] where report["lineage"]?[key] != meta["lineage"]?[key] {
            throw WorkspaceError("\(reportPath): the backtest's \(key) differs from the trained model's (\(folder)); rerun `edgehost backtest --model \(model)`")
        }
        files[Registry.backtestFile] = reportData
        schemaHash = schema
        metrics = report["best"] ?? .null
        var thresholds: [String: JSON] = [:]
        if case .array(let gates)? = report["gates"] {
            for gate in gates { if let id = gate["risk_profile"]?.stringValue { thresholds[id] = gate["threshold"] ?? .null } }
        }
        self.thresholds = .object(thresholds)
        var lineage: [String: JSON] = [:]
        if case .object(let o)? = meta["lineage"] { lineage = o }
        lineage["model_sha"] = .string(modelSHA)
        self.lineage = .object(lineage)
    }

    /// The given profile (lower-cased, as train names folders), else the only one trained.
    static func riskProfile(_ model: String, workspace: Workspace, _ given: String?) throws -> String {
        if let given { return given.lowercased() }
        let parent = try workspace.artifactsFolder(model)
        let trained = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        guard trained.count == 1 else {
            throw WorkspaceError(trained.isEmpty
                ? "\(parent): no trained model for \(model); run `edgehost train --model \(model)` first"
                : "\(parent): \(model) is trained for several risk profiles (\(trained.joined(separator: ", "))): pick one with --risk-profile")
        }
        return trained[0]
    }

    static func parse(_ data: Data, _ path: String) throws -> JSON {
        do { return try JSON.parse(String(decoding: data, as: UTF8.self)) } catch { throw WorkspaceError("\(path): not valid JSON (\(error))") }
    }
}
