import Foundation
import PackKit

/// The models of a workspace: create, list, load.
public struct ModelStore: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    public func list() throws -> [ModelConfig] {
        let folder = workspace.modelsFolder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return try names.filter { $0.hasSuffix(".json") }.sorted().map { try load(String($0.dropLast(5))) }
    }

    public func load(_ id: String) throws -> ModelConfig {
        let path = try workspace.modelFile(id)
        guard let data = FileManager.default.contents(atPath: path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: workspace.modelsFolder)) ?? [])
                .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
            throw WorkspaceError("no model '\(id)' in \(workspace.root) (models: \(known.isEmpty ? "none; create one with `edgehost models create`" : known.joined(separator: ", ")))")
        }
        let json: JSON
        do { json = try JSON.parse(String(decoding: data, as: UTF8.self)) } catch {
            throw WorkspaceError("\(path): \(error.message)")
        }
        return try ModelConfig(json: json, context: path)
    }

    /// Validates `config` against its pack, then stores it. Storing the same config again is
    /// a no-op; a different config under an existing id needs `replace`.
    @discardableResult
    public func save(_ config: ModelConfig, catalogue: PackCatalogue, replace: Bool = false) throws -> (path: String, changed: Bool) {
        _ = try ModelPlan(config: config, catalogue: catalogue, workspace: workspace)
        let path = try workspace.modelFile(config.modelID)
        if FileManager.default.fileExists(atPath: path) {
            let existing = try load(config.modelID)
            if existing == config { return (path, false) }
            guard replace else {
                throw WorkspaceError("model '\(config.modelID)' already exists with other settings (\(path)); pass --replace to overwrite it, or --id to choose another id")
            }
        }
        try AtomicFile.write(config.json.prettyText, to: path)
        return (path, true)
    }
}
