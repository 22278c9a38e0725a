import Foundation
import PackKit

/// `edgehost registry guard`: watches a canary rollout on realised outcomes and stops it when the
/// candidate does worse (win rate) or behaves differently (PSI of its probabilities). Every run
/// leaves a ledger line: the rollback and the disabled rollout when it trips, a "guard" line
/// saying why it did nothing otherwise.
public struct RolloutGuard {
    public let registry: Registry
    public let workspace: Workspace

    public init(registry: Registry, workspace: Workspace) {
        self.registry = registry
        self.workspace = workspace
    }

    public enum Decision: String, Sendable {
        /// No canary running (mode not canary, or no active or shadow version).
        case idle
        case notEnoughData = "not-enough-data"
        case passed
        /// It would trip, but an earlier trip's cooldown has not passed.
        case coolingDown = "cooling-down"
        case tripped
    }

    public struct Verdict: Sendable {
        public let decision: Decision
        /// nil when idle.
        public let assessment: GuardAssessment?
        /// One line for people; also the ledger reason.
        public let message: String
        /// Set when tripped: the active version before and after the rollback (nil when there was nothing to roll back to).
        public let rollback: (from: String?, to: String?)?
    }

    /// `now` decides the cooldown and stamps the ledger (the command passes the clock).
    public func run(model: String, limits: GuardLimits, actor: String, now: Date) throws -> Verdict {
        guard try !registry.entries(model: model).isEmpty else {
            throw WorkspaceError("\(registry.root): model \(model) has no registered version: nothing to guard (see `edgehost registry list`)")
        }
        let rollout = try registry.rollout(model: model)
        let active = try registry.slot(.active, model: model), shadow = try registry.slot(.shadow, model: model)
        guard rollout.mode == .canary, let active, let shadow else {
            let why = rollout.mode != .canary ? "rollout mode is \(rollout.mode.rawValue)" : "no \(active == nil ? "active" : "shadow") version"
            return try pass(.idle, nil, "\(why): no canary to guard", model: model, active: active, actor: actor, now: now)
        }
        let rows = try SignalsFile.read(workspace.signalsFile(model))
        let matrix = try Matrix.read(path: workspace.matrixFile(model))
        let arms = GuardArm.arms(rows, matrix: matrix, baselineVersion: active.version, canaryVersion: shadow.version)
        let a = GuardAssessment(baseline: arms.baseline, canary: arms.canary, limits: limits)
        let figures = "baseline \(active.version) \(a.baseline.wins)/\(a.baseline.samples) wins (\(GuardAssessment.fixed(a.baseline.winRate, 1))%), canary \(shadow.version) \(a.canary.wins)/\(a.canary.samples) (\(GuardAssessment.fixed(a.canary.winRate, 1))%), PSI \(GuardAssessment.fixed(a.psi, 3))"
        guard a.enoughData else {
            return try pass(.notEnoughData, a, "not enough data: \(figures); each arm needs \(limits.minSample) signals with known outcomes", model: model, active: active, actor: actor, now: now)
        }
        guard !a.trips.isEmpty else { return try pass(.passed, a, "passed: \(figures)", model: model, active: active, actor: actor, now: now) }
        let tripped = a.trips.joined(separator: "; ")
        if let until = rollout.cooldownUntil, now < (try Self.instant(until)) {
            return try pass(.coolingDown, a, "would trip (\(tripped)) but the cooldown runs until \(until): no action; \(figures)", model: model, active: active, actor: actor, now: now)
        }
        let reason = "guard tripped: \(tripped); \(figures)"
        var rollback: (from: String?, to: String?) = (active.version, nil)
        var outcome: String
        do {
            rollback = try registry.rollback(model: model, reason: reason, actor: actor, action: "guard")
            outcome = "rolled back \(rollback.from ?? "none") → \(rollback.to ?? "none")"
        } catch {
            // Without an earlier active version the canary is still stopped below.
            outcome = "could not roll back (\(error))"
        }
        let until = Self.iso(now.addingTimeInterval(limits.cooldownHours * 3600))
        var disabled = rollout
        disabled.mode = .disabled
        disabled.cooldownUntil = until
        try registry.setRollout(model: model, disabled, reason: "\(reason); \(outcome); canary disabled until \(until)", actor: actor)
        return Verdict(decision: .tripped, assessment: a, message: "TRIPPED: \(tripped); \(outcome); rollout disabled until \(until); \(figures)", rollback: rollback)
    }

    /// Records a run that changed nothing, and says why.
    private func pass(_ decision: Decision, _ assessment: GuardAssessment?, _ message: String, model: String,
                      active: RegistryEntry?, actor: String, now: Date) throws -> Verdict {
        try registry.record(LedgerLine(ts: Self.iso(now), action: "guard", modelID: model, fromVersion: active?.version,
                                       toVersion: active?.version, reason: message, actor: actor))
        return Verdict(decision: decision, assessment: assessment, message: message, rollback: nil)
    }

    static func iso(_ date: Date) -> String { Timestamps.iso(Int64((date.timeIntervalSince1970 * 1e9).rounded(.down))) }

    /// `2026-01-05T14:00:00Z` (what the guard writes), or any ISO-8601 instant with a zone.
    static func instant(_ text: String) throws -> Date {
        if let ns = Timestamps.parseInstant(text) { return Date(timeIntervalSince1970: Double(ns) / 1e9) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        guard let date = formatter.date(from: text) else {
            throw WorkspaceError("rollout config: cooldown_until '\(text)' is not an ISO-8601 instant (e.g. 2026-01-05T14:00:00Z)")
        }
        return date
    }
}
