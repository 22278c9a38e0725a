import Foundation
import PackKit

/// One registered model version: a frozen copy of a trained artifact and its backtest report,
/// in `registry/<model_id>/<version>/`, with what promotion checks need.
public struct RegistryEntry: Sendable, Equatable {
    public var modelID: String
    /// "v1", "v2", … per model, in order of registration.
    public var version: String
    /// ISO-8601 UTC.
    public var createdAt: String
    /// meta.json's feature_schema_sha: promotion refuses a matrix with other features.
    public var schemaHash: String
    /// The threshold the backtest chose per risk profile, from the report's gates.
    public var thresholds: JSON
    /// Relative to the registry root: "<model_id>/<version>".
    public var path: String
    /// The backtest report's "best".
    public var metrics: JSON
    /// meta.json's lineage plus model_sha.
    public var lineage: JSON
    public var notes: String

    public var id: String { "\(modelID)@\(version)" }

    public init(modelID: String, version: String, createdAt: String, schemaHash: String, thresholds: JSON, path: String,
                metrics: JSON, lineage: JSON, notes: String) {
        self.modelID = modelID
        self.version = version
        self.createdAt = createdAt
        self.schemaHash = schemaHash
        self.thresholds = thresholds
        self.path = path
        self.metrics = metrics
        self.lineage = lineage
        self.notes = notes
    }

    public var json: JSON {
        .object([
            "model_id": .string(modelID), "version": .string(version), "created_at": .string(createdAt),
            "schema_hash": .string(schemaHash), "thresholds": thresholds, "path": .string(path), "metrics": metrics,
            "lineage": lineage, "notes": .string(notes),
        ])
    }

    public init(json: JSON) throws {
        func text(_ key: String) throws -> String {
            guard let s = json[key]?.stringValue else { throw WorkspaceError("registry entry lacks the string '\(key)': \(json.text)") }
            return s
        }
        self.init(modelID: try text("model_id"), version: try text("version"), createdAt: try text("created_at"),
                  schemaHash: try text("schema_hash"), thresholds: json["thresholds"] ?? .null, path: try text("path"),
                  metrics: json["metrics"] ?? .null, lineage: json["lineage"] ?? .null, notes: try text("notes"))
    }

    /// Splits "model@version"; anything else is a clear error.
    static func parseID(_ id: String) throws -> (model: String, version: String) {
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw WorkspaceError("'\(id)' is not a registry id: use <model>@<version>, e.g. spy_opt_0dte_hourly@v1")
        }
        try ModelID.check(String(parts[0]))
        try ModelID.check(String(parts[1]), what: "version")
        return (String(parts[0]), String(parts[1]))
    }
}

/// The two places a registered version serves from: live (active) or alongside it, unseen (shadow).
public enum RegistrySlot: String, Sendable, CaseIterable {
    case active, shadow
}

/// How a model's traffic is split between its active and shadow versions. The registry only
/// stores it (in the manifest and in the "rollout" ledger line); rollout code gives it meaning.
public struct RolloutConfig: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable { case disabled, canary, full }
    public var mode: Mode = .disabled
    public var canaryFraction: Double = 0.1
    public var rngSeed: UInt64 = 0
    /// ISO-8601 UTC; the guard does not act again before it.
    public var cooldownUntil: String?

    public init(mode: Mode = .disabled, canaryFraction: Double = 0.1, rngSeed: UInt64 = 0, cooldownUntil: String? = nil) {
        self.mode = mode
        self.canaryFraction = canaryFraction
        self.rngSeed = rngSeed
        self.cooldownUntil = cooldownUntil
    }

    /// Seeds above 2^53 are written as strings, since JSON numbers are doubles.
    public var json: JSON {
        .object([
            "mode": .string(mode.rawValue), "canary_fraction": .number(canaryFraction),
            "rng_seed": rngSeed < 1 << 53 ? .number(Double(rngSeed)) : .string(String(rngSeed)),
            "cooldown_until": cooldownUntil.map(JSON.string) ?? .null,
        ])
    }

    public init(json: JSON) throws {
        guard let name = json["mode"]?.stringValue, let mode = Mode(rawValue: name) else {
            throw WorkspaceError("rollout config: 'mode' must be one of \(Mode.allCases.map(\.rawValue).joined(separator: ", ")), got \(json["mode"]?.text ?? "nothing")")
        }
        let fraction = json["canary_fraction"]?.doubleValue ?? 0.1
        guard fraction >= 0, fraction <= 1 else { throw WorkspaceError("rollout config: canary_fraction must be in [0, 1], got \(fraction)") }
        let seed: UInt64?
        switch json["rng_seed"] {
        case .number(let n)?: seed = n >= 0 && n == n.rounded() && n < 18_446_744_073_709_551_616 ? UInt64(n) : nil
        case .string(let s)?: seed = UInt64(s)
        case nil, .null?: seed = 0
        default: seed = nil
        }
        guard let seed else { throw WorkspaceError("rollout config: rng_seed must be a non-negative integer, got \(json["rng_seed"]!.text)") }
        self.init(mode: mode, canaryFraction: fraction, rngSeed: seed, cooldownUntil: json["cooldown_until"]?.stringValue)
    }
}
