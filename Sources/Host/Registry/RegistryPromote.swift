import Foundation
import PackKit

extension Registry {
    /// Puts a registered version in a slot. Refuses one whose feature schema differs from the
    /// workspace's current matrix of the model, or whose backtest is missing or failed, unless
    /// `force` with a `reason` (the ledger records it). Promoting to active keeps the previous
    /// active as the rollback target; promoting the shadow to active empties the shadow slot.
    @discardableResult
    public func promote(id: String, to slot: RegistrySlot, workspace: Workspace, force: Bool = false, reason: String = "",
                        actor: String) throws -> (from: String?, to: String) {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if force && why.isEmpty { throw WorkspaceError("--force needs --reason \"…\": say why the checks are overridden (the ledger records it)") }
        let entry = try entry(id: id)
        // A modified model.json is never served, --force or not (alerts check the same digest).
        if let damage = checkFolder(entry.modelID, entry.version).first {
            throw WorkspaceError("refusing to promote \(id) to \(slot.rawValue): \(damage); register a fresh copy (`edgehost registry verify` lists every damaged version)")
        }
        if !force {
            let refusals = try promotionRefusals(entry, workspace: workspace)
            guard refusals.isEmpty else {
                // Checks that said no, not bad input: the exit status of a failed gate.
                throw EdgehostError(code: "promotion-refused", "refusing to promote \(id) to \(slot.rawValue):\n  - " + refusals.joined(separator: "\n  - ")
                                    + "\n  (override with --force --reason \"…\")", exit: .checkFailed)
            }
        }
        let model = entry.modelID, version = entry.version
        return try write { state in
            let m = state.model(model)
            if m.slot(slot) == version { throw WorkspaceError("\(id) is already \(slot.rawValue)") }
            if slot == .shadow, m.active == version { throw WorkspaceError("\(id) is active; it cannot also be the shadow") }
            let line = LedgerLine(ts: clock(), action: "promote", modelID: model, fromVersion: m.slot(slot), toVersion: version,
                                  reason: force ? "forced: \(why)" : why, actor: actor, slot: slot)
            var lines = [line]
            if slot == .active, m.shadow == version { lines.append(demoteShadow(model, version, line)) }
            return (lines, (m.slot(slot), version))
        }
    }

    /// Why `entry` may not serve: schema mismatch with the workspace's matrix, backtest missing or failed.
    public func promotionRefusals(_ entry: RegistryEntry, workspace: Workspace) throws -> [String] {
        var refusals: [String] = []
        let matrixPath = try workspace.matrixFile(entry.modelID)
        if FileManager.default.fileExists(atPath: matrixPath) {
            let current = try Matrix.featureSchemaSHA(path: matrixPath)
            if current != entry.schemaHash {
                refusals.append("schema mismatch: \(entry.id) was trained on feature schema \(entry.schemaHash.prefix(12)), the workspace's matrix \(matrixPath) has \(current.prefix(12)); retrain and register, or rebuild the matrix")
            }
        } else {
            refusals.append("no built matrix of \(entry.modelID) at \(matrixPath) to check the feature schema against; run `edgehost build --model \(entry.modelID)` (or pass --workspace)")
        }
        let reportPath = (folder(entry) as NSString).appendingPathComponent(Self.backtestFile)
        if let data = FileManager.default.contents(atPath: reportPath), let report = try? JSON.parse(String(decoding: data, as: UTF8.self)) {
            if report["status"]?.stringValue == "fail" {
                let own = report["risk_profile"]?["id"]?.stringValue
                var reasons: [String] = []
                if case .array(let gates)? = report["gates"], let gate = gates.first(where: { $0["risk_profile"]?.stringValue == own }),
                   case .array(let r)? = gate["reasons"] { reasons = r.compactMap(\.stringValue) }
                refusals.append("the backtest gate failed (\(reportPath): status fail\(own.map { ", risk profile \($0)" } ?? "")\(reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")))")
            }
        } else {
            refusals.append("no readable backtest report at \(reportPath)")
        }
        return refusals
    }
}
