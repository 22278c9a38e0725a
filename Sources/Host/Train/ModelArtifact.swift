import Foundation
import PackKit

/// A trained model on disk, `artifacts/<model>/<risk_profile>/`: XGBoost's `model.json`, its
/// `meta.json` (features, encoder, actions, parameters, lineage) and `importance.json`.
public struct ModelArtifact {
    public static let modelFile = "model.json", metaFile = "meta.json", importanceFile = "importance.json"

    public let folder: String
    public let meta: JSON
    let booster: Booster
    public let encoder: LabelEncoder
    public let featureNames: [String]
    public let actions: ActionMap
    /// The prior it was trained to correct (meta.json `policy.prior`); nil = none.
    public let prior: TrainingPrior?

    /// Loads and checks an artifact; a missing or damaged one says what to run.
    public init(folder: String) throws {
        let modelPath = (folder as NSString).appendingPathComponent(Self.modelFile)
        let metaPath = (folder as NSString).appendingPathComponent(Self.metaFile)
        guard let metaData = FileManager.default.contents(atPath: metaPath),
              let modelData = FileManager.default.contents(atPath: modelPath) else {
            throw WorkspaceError("no trained model at \(folder) (missing \(Self.metaFile) or \(Self.modelFile)): run `edgehost train` first")
        }
        let meta: JSON
        do { meta = try JSON.parse(String(decoding: metaData, as: UTF8.self)) } catch {
            throw WorkspaceError("\(metaPath): not valid JSON (\(error)); retrain with `edgehost train --force`")
        }
        guard case .array(let features)? = meta["features"], case .array(let classes)? = meta["label_encoder"]?["classes"] else {
            throw WorkspaceError("\(metaPath): lacks 'features' or 'label_encoder.classes'; retrain with `edgehost train --force`")
        }
        let sha = Hashing.sha256(modelData)
        guard meta["model_sha"]?.stringValue == sha else {
            throw WorkspaceError("\(modelPath) does not match its meta.json (model_sha differs): the artifact was modified; retrain with `edgehost train --force`")
        }
        self.folder = folder
        self.meta = meta
        featureNames = features.compactMap(\.stringValue)
        encoder = LabelEncoder(classes: classes.compactMap(\.stringValue))
        actions = ActionMap(json: meta["actions"] ?? .null)
        prior = try TrainingPrior(policy: meta["policy"], source: metaPath)
        booster = try Booster(json: modelData)
        // Scoring on one thread, as training does (`TrainingPolicy.threads`): a loaded booster
        // would otherwise predict on every core, and OpenMP's workers then spin after each
        // call of a few rows, taking a core from the live loop. Trees sum per row in a fixed
        // order, so the probabilities are the same bits either way.
        try booster.set([("nthread", "1")])
    }

    public var modelID: String { meta["model_id"]?.stringValue ?? "" }
    /// The first 12 hex digits of model.json's SHA-256: what signals and leaderboards cite.
    public var version: String { String((meta["model_sha"]?.stringValue ?? "").prefix(12)) }
    public var riskProfile: String { meta["risk_profile"]?["id"]?.stringValue ?? "" }
    public var allowedHours: [Int] {
        guard case .array(let a)? = meta["policy"]?["allowed_hours"] else { return [] }
        return a.compactMap(\.intValue)
    }

    /// Class probabilities of `rows` of `matrix`, whose features must be the model's, in order.
    public func probabilities(_ matrix: Matrix, rows: [Int]) throws -> [[Double]] {
        guard matrix.featureNames == featureNames else {
            let present = Set(matrix.featureNames)
            let missing = featureNames.filter { !present.contains($0) }
            throw WorkspaceError("the matrix's features differ from the model's (\(missing.isEmpty ? "same names, other order or extra columns" : "missing: " + missing.joined(separator: ", "))): rebuild the matrix or retrain")
        }
        return try Trainer.probabilities(booster, classes: encoder.classes, prior: prior, matrix, rows: rows)
    }

    /// Writes an artifact folder whole: into a temporary sibling, then renamed into place, so a
    /// reader never sees a model with another model's meta.
    static func write(folder: String, model: Data, meta: JSON, importance: JSON) throws {
        let fm = FileManager.default
        let parent = (folder as NSString).deletingLastPathComponent
        let name = (folder as NSString).lastPathComponent
        let temp = (parent as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        let old = (parent as NSString).appendingPathComponent(".\(name).old-\(getpid())")
        try? fm.removeItem(atPath: temp)
        try AtomicFile.write(model, to: (temp as NSString).appendingPathComponent(modelFile))
        try AtomicFile.write(importance.prettyText, to: (temp as NSString).appendingPathComponent(importanceFile))
        try AtomicFile.write(meta.prettyText, to: (temp as NSString).appendingPathComponent(metaFile))
        if fm.fileExists(atPath: folder) {
            guard rename(folder, old) == 0 else { throw WorkspaceError("\(folder): cannot replace: \(String(cString: strerror(errno)))") }
        }
        guard rename(temp, folder) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, folder)
            throw WorkspaceError("\(folder): cannot write: \(reason)")
        }
        try? fm.removeItem(atPath: old)
    }
}
