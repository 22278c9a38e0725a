import Foundation
import PackKit

/// The model registry, a folder: `ledger.jsonl` (append-only, the source of truth),
/// `manifest.json` (the ledger replayed), `<model>/<version>/` (frozen artifacts) and `.lock`.
///
/// Every write takes an exclusive `flock` on `.lock`, cuts a partial last ledger line, rewrites
/// the manifest if it lags the ledger (a writer killed between the two), then appends its ledger
/// line(s) with one `write` + `fsync` and replaces the manifest durably. Readers replay the
/// ledger, so they never see a state a write did not finish.
public final class Registry: @unchecked Sendable {
    public let root: String
    /// The time written on ledger lines and entries (ISO-8601 UTC); tests pin it.
    public var clock: @Sendable () -> String = { Timestamps.iso(Int64(Date().timeIntervalSince1970 * 1e9)) }

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    /// --registry, else EDGEHOST_REGISTRY, else ./registry
    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Registry {
        Registry(root: option ?? environment["EDGEHOST_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 } ?? "registry")
    }

    var manifestPath: String { path("manifest.json") }
    var ledgerFile: LedgerFile { LedgerFile(path: path("ledger.jsonl")) }
    var lock: FileLock { FileLock(path: path(".lock")) }
    static let entryFile = "entry.json", backtestFile = "backtest.json"
    /// What every version folder holds.
    static let files = [ModelArtifact.modelFile, ModelArtifact.metaFile, ModelArtifact.importanceFile, backtestFile, entryFile]

    func path(_ parts: String...) -> String { parts.reduce(root) { ($0 as NSString).appendingPathComponent($1) } }

    // MARK: reading

    public func entries(model: String?) throws -> [RegistryEntry] {
        try state().entries.filter { model == nil || $0.modelID == model }
    }

    /// "model@version"; unknown → clear error.
    public func entry(id: String) throws -> RegistryEntry {
        let (model, version) = try RegistryEntry.parseID(id)
        let entries = try entries(model: model)
        if let entry = entries.first(where: { $0.version == version }) { return entry }
        guard !entries.isEmpty else { throw WorkspaceError("unknown registry id '\(id)': no model \(model) in the registry at \(root)") }
        throw WorkspaceError("unknown registry id '\(id)': \(model) has \(entries.map(\.version).joined(separator: ", "))")
    }

    public func slot(_ slot: RegistrySlot, model: String) throws -> RegistryEntry? {
        let state = try state()
        guard let version = state.model(model).slot(slot) else { return nil }
        return state.entries.first { $0.modelID == model && $0.version == version }
    }

    /// Absolute: holds model.json, meta.json, importance.json, backtest.json and entry.json.
    public func folder(_ entry: RegistryEntry) -> String { path(entry.path) }

    /// Default RolloutConfig() when unset.
    public func rollout(model: String) throws -> RolloutConfig { try state().model(model).rollout ?? RolloutConfig() }

    /// Every complete, readable ledger line in order (damaged ones are `verify`'s business).
    public func ledger() throws -> [LedgerLine] { try ledgerFile.read().lines }

    /// Models with at least one ledger line, sorted.
    public func models() throws -> [String] { try state().models.keys.sorted() }

    /// Earlier active versions of `model`, oldest first: what `rollback` goes back to, last first.
    public func previousActive(model: String) throws -> [String] { try state().model(model).previousActive }

    /// The version that was active at `instant` (ISO-8601 UTC), from the ledger lines up to it.
    public func activeVersion(model: String, at instant: String) throws -> String? {
        let lines = try ledger().prefix { $0.ts <= instant }
        return RegistryState.replay(lines, load: loadEntry).model(model).active
    }

    func state() throws -> RegistryState { RegistryState.replay(try ledger(), load: loadEntry) }

    func loadEntry(model: String, version: String) throws -> RegistryEntry {
        let file = path(model, version, Self.entryFile)
        guard let data = FileManager.default.contents(atPath: file) else { throw WorkspaceError("\(file): missing") }
        do { return try RegistryEntry(json: try JSON.parse(String(decoding: data, as: UTF8.self))) } catch {
            throw WorkspaceError("\(file): \(error)")
        }
    }

    // MARK: writing

    /// Writes the rollout config (under the lock, atomically) and a ledger line action "rollout".
    public func setRollout(model: String, _ config: RolloutConfig, reason: String, actor: String) throws {
        try write { state in
            let line = LedgerLine(ts: clock(), action: "rollout", modelID: model, fromVersion: state.model(model).active,
                                  toVersion: state.model(model).shadow, reason: reason, actor: actor, rollout: config)
            return ([line], ())
        }
    }

    /// Back to the previous active version (ledger action "rollback", or `action` when given, e.g. "guard").
    @discardableResult
    public func rollback(model: String, reason: String, actor: String, action: String = "rollback") throws -> (from: String?, to: String?) {
        guard !["register", "promote", "demote", "rollout"].contains(action) else {
            throw WorkspaceError("'\(action)' cannot name a rollback in the ledger: use rollback, guard or another word")
        }
        return try write { state in
            let m = state.model(model)
            guard let target = m.previousActive.last else {
                let why = m.versions.isEmpty ? "it is not in the registry at \(root)" : "no earlier active version (active: \(m.active ?? "none"))"
                throw WorkspaceError("nothing to roll back to for \(model): \(why)")
            }
            var lines = [LedgerLine(ts: clock(), action: action, modelID: model, fromVersion: m.active, toVersion: target,
                                    reason: reason, actor: actor, slot: .active)]
            if m.shadow == target { lines.append(demoteShadow(model, target, lines[0])) }
            return (lines, (m.active, target))
        }
    }

    /// Appends a ledger line under the lock (e.g. a guard decision that did not roll back).
    public func record(_ line: LedgerLine) throws {
        guard !line.modelID.isEmpty, !line.action.isEmpty else { throw WorkspaceError("a ledger line needs a model_id and an action: \(line.json.text)") }
        var line = line
        if line.ts.isEmpty { line.ts = clock() }
        try write { _ in ([line], ()) }
    }

    /// Rewrites the manifest from the ledger when it differs (and cuts a partial last ledger
    /// line); true when something was repaired.
    @discardableResult
    public func repair() throws -> Bool { try locked { _ in ([], ()) }.repaired }

    func demoteShadow(_ model: String, _ version: String, _ cause: LedgerLine) -> LedgerLine {
        LedgerLine(ts: cause.ts, action: "demote", modelID: model, fromVersion: version, toVersion: nil,
                   reason: "\(version) became active", actor: cause.actor, slot: .shadow)
    }

    /// The one write path: lock, repair, decide the lines from the current state, append them,
    /// replace the manifest.
    func write<T>(_ body: (RegistryState) throws -> ([LedgerLine], T)) throws -> T { try locked(body).value }

    private func locked<T>(_ body: (RegistryState) throws -> ([LedgerLine], T)) throws -> (value: T, repaired: Bool) {
        try lock.withLock {
            let file = ledgerFile
            var contents = try file.read()
            var repaired = false
            if let bad = contents.damaged.first {
                throw WorkspaceError("\(file.path) line \(bad.line) is damaged (\(bad.message)): restore the ledger before writing (see `edgehost registry verify`)")
            }
            if contents.partialBytes > 0 {
                try file.truncatePartialLine()
                contents.partialBytes = 0
                repaired = true
            }
            var state = RegistryState.replay(contents.lines, load: loadEntry)
            if ((try? Manifest.read(manifestPath)) ?? nil) != state.manifest {
                try Manifest.write(state, to: manifestPath)
                repaired = true
            }
            let (lines, value) = try body(state)
            guard !lines.isEmpty else { return (value, repaired) }
            // The ledger names folders by model id: a line the id rule refuses is never written.
            for line in lines { try ModelID.check(line.modelID) }
            try file.append(lines)
            for line in lines { state.apply(line, load: loadEntry) }
            try Manifest.write(state, to: manifestPath)
            return (value, repaired)
        }
    }
}
