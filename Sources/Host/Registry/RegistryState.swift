import Foundation
import PackKit

/// What the ledger says, replayed line by line: the registered versions, the slots, the stack
/// of earlier active versions (rollback targets) and the rollout config of every model. The
/// ledger is the source of truth; the manifest is this state written down.
struct RegistryState: Equatable {
    struct Model: Equatable {
        var versions: [String] = []
        var active: String?
        var shadow: String?
        /// Earlier active versions, oldest first: rollback pops the last.
        var previousActive: [String] = []
        var rollout: RolloutConfig?

        func slot(_ slot: RegistrySlot) -> String? { slot == .active ? active : shadow }
    }

    var models: [String: Model] = [:]
    /// In registration order.
    var entries: [RegistryEntry] = []
    var linesApplied = 0
    /// Lines that contradict what came before (kept out of equality: they are findings, not state).
    var problems: [String] = []

    static func == (a: RegistryState, b: RegistryState) -> Bool {
        a.models == b.models && a.entries == b.entries && a.linesApplied == b.linesApplied
    }

    /// Replays `lines`; `load` reads a registered version's entry.json.
    static func replay(_ lines: some Sequence<LedgerLine>, load: (String, String) throws -> RegistryEntry) -> RegistryState {
        var state = RegistryState()
        for line in lines { state.apply(line, load: load) }
        return state
    }

    mutating func apply(_ line: LedgerLine, load: (String, String) throws -> RegistryEntry) {
        linesApplied += 1
        let n = linesApplied
        var model = models[line.modelID] ?? Model()
        defer { models[line.modelID] = model }
        func problem(_ text: String) { problems.append("ledger line \(n) (\(line.action) \(line.modelID)): \(text)") }
        func known(_ version: String) -> Bool {
            if !model.versions.contains(version) { problem("version \(version) was never registered") }
            return model.versions.contains(version)
        }
        switch (line.action, line.slot) {
        case ("register", _):
            guard let version = line.toVersion else { return problem("no to_version") }
            guard !model.versions.contains(version) else { return problem("\(version) registered twice") }
            model.versions.append(version)
            do { entries.append(try load(line.modelID, version)) } catch { problem("\(error)") }
        case ("rollout", _):
            guard let config = line.rollout else { return problem("no rollout config") }
            model.rollout = config
        case ("promote", let slot):
            guard let version = line.toVersion else { return problem("no to_version") }
            guard known(version) else { return }
            if (slot ?? .active) == .active {
                if let old = model.active { model.previousActive.append(old) }
                model.active = version
            } else {
                model.shadow = version
            }
        case ("demote", let slot):
            if (slot ?? .shadow) == .active { model.active = nil } else { model.shadow = nil }
        case (_, .active?):
            // Any other action that names the active slot is a rollback (rollback, guard, …).
            guard let version = line.toVersion else { return problem("a rollback needs a to_version") }
            guard known(version) else { return }
            let expected = model.previousActive.popLast()
            if expected != version { problem("rolled back to \(version), but the previous active version was \(expected ?? "none")") }
            model.active = version
        default:
            break  // a note (e.g. a guard decision that changed nothing)
        }
    }

    func model(_ id: String) -> Model { models[id] ?? Model() }

    /// The manifest's JSON: equal states give equal bytes.
    var manifest: JSON {
        var slots: [String: JSON] = [:], history: [String: JSON] = [:], rollout: [String: JSON] = [:]
        for (id, m) in models {
            var s: [String: JSON] = [:]
            for slot in RegistrySlot.allCases { if let v = m.slot(slot) { s[slot.rawValue] = .string(v) } }
            if !s.isEmpty { slots[id] = .object(s) }
            if !m.previousActive.isEmpty { history[id] = .strings(m.previousActive) }
            if let r = m.rollout { rollout[id] = r.json }
        }
        return .object([
            "schema": .number(1), "ledger_lines": .number(Double(linesApplied)), "entries": .array(entries.map(\.json)),
            "slots": .object(slots), "history": .object(history), "rollout": .object(rollout),
        ])
    }
}
