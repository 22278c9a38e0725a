import Foundation
import PackKit

/// What `verify` found: problems fail it; notes are the traces of an interrupted write, which
/// the next write (or `repair`) clears, and do not.
public struct RegistryVerification: Sendable, Equatable {
    public var problems: [String] = []
    public var notes: [String] = []
    public var ledgerLines = 0
    public var ok: Bool { problems.isEmpty }

    public init(problems: [String] = [], notes: [String] = [], ledgerLines: Int = 0) {
        self.problems = problems
        self.notes = notes
        self.ledgerLines = ledgerLines
    }
}

extension Registry {
    /// Checks that every ledger line parses and replays, that the manifest equals the ledger
    /// replayed up to the line count it records, and that every registered version's folder
    /// holds its files with model.json matching lineage.model_sha.
    public func verify() throws -> RegistryVerification {
        let contents = try ledgerFile.read()
        var result = RegistryVerification(ledgerLines: contents.lines.count)
        let ledger = ledgerFile.path
        result.problems += contents.damaged.map { "\(ledger) line \($0.line): not a ledger line (\($0.message))" }
        if contents.partialBytes > 0 {
            result.notes.append("\(ledger) ends in a partial line of \(contents.partialBytes) bytes (an interrupted append); the next write cuts it")
        }
        let state = RegistryState.replay(contents.lines, load: loadEntry)
        result.problems += state.problems
        checkManifest(contents.lines, into: &result)
        for (model, m) in state.models.sorted(by: { $0.key < $1.key }) {
            for version in m.versions { result.problems += checkFolder(model, version) }
            result.notes += orphans(model, known: Set(m.versions))
        }
        return result
    }

    private func checkManifest(_ lines: [LedgerLine], into result: inout RegistryVerification) {
        let manifest: JSON?
        do { manifest = try Manifest.read(manifestPath) } catch { return result.problems.append("\(error)") }
        guard let manifest else {
            if !lines.isEmpty { result.notes.append("\(manifestPath) is missing (an interrupted first write); the next write creates it") }
            return
        }
        guard let reflected = Manifest.ledgerLines(manifest), reflected >= 0 else {
            return result.problems.append("\(manifestPath) lacks 'ledger_lines': it was not written by edgehost")
        }
        guard reflected <= lines.count else {
            return result.problems.append("\(manifestPath) reflects \(reflected) ledger lines but the ledger has \(lines.count): the ledger lost lines")
        }
        let expected = RegistryState.replay(lines.prefix(reflected), load: loadEntry).manifest
        for key in ["schema", "entries", "slots", "history", "rollout", "ledger_lines"] where manifest[key] != expected[key] {
            result.problems.append("\(manifestPath): '\(key)' differs from the ledger's: manifest \(manifest[key]?.text ?? "missing"), ledger \(expected[key]?.text ?? "missing")")
        }
        if case .object(let o) = manifest, let extra = o.keys.sorted().first(where: { expected[$0] == nil }) {
            result.problems.append("\(manifestPath): unexpected key '\(extra)'")
        }
        if reflected < lines.count {
            result.notes.append("\(manifestPath) is \(lines.count - reflected) ledger line(s) behind (a write was interrupted after its ledger line); the next write rebuilds it")
        }
    }

    /// What is wrong with a version folder (missing files, entry, model.json digest); empty when sound.
    func checkFolder(_ model: String, _ version: String) -> [String] {
        let folder = path(model, version)
        let missing = Self.files.filter { !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }
        guard missing.isEmpty else { return ["\(folder): missing \(missing.joined(separator: ", "))"] }
        guard let entry = try? loadEntry(model: model, version: version) else { return ["\(folder)/\(Self.entryFile): not a registry entry"] }
        guard entry.modelID == model, entry.version == version, entry.path == "\(model)/\(version)" else {
            return ["\(folder)/\(Self.entryFile): names \(entry.id) at \(entry.path)"]
        }
        let modelFile = (folder as NSString).appendingPathComponent(ModelArtifact.modelFile)
        let sha = (try? Hashing.sha256(path: modelFile)) ?? ""
        guard entry.lineage["model_sha"]?.stringValue == sha else {
            return ["\(modelFile): SHA-256 \(sha.prefix(12)) differs from lineage.model_sha \(entry.lineage["model_sha"]?.stringValue?.prefix(12) ?? "none"): the file was modified"]
        }
        return []
    }

    /// Version folders the ledger does not name: left by a register killed before its ledger line.
    private func orphans(_ model: String, known: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path(model))) ?? []
        return names.sorted().filter { !known.contains($0) }.map {
            "\(path(model, $0)) is not in the ledger (an interrupted register); the next register of \(model) replaces or ignores it"
        }
    }
}
