import PackKit

/// The registry versions a recorded decision was scored with, named instead of read from the
/// registry's slots: a replay scores with the version that decided then, whatever is active now.
struct PinnedVersions: Sendable {
    var active: RegistryEntry
    var shadow: RegistryEntry?
    var rollout: RolloutConfig?

    /// The recorded versions of `model` (`{"version", …}` objects), each looked up in `registry`;
    /// a version that is gone is a missing input (exit 69), not a difference.
    init(registry: Registry, model: String, active: String, shadow: String?, rollout: JSON?) throws {
        func entry(_ version: String) throws -> RegistryEntry {
            do { return try registry.entry(id: "\(model)@\(version)") } catch {
                throw EdgehostError(code: "replay-input-missing", object: "\(model)@\(version)",
                                    "the model version the decision was scored with is not in the registry \(registry.root) (\(EdgehostError(error).message)): it cannot be replayed",
                                    exit: .unavailable)
            }
        }
        self.active = try entry(active)
        self.shadow = try shadow.map(entry)
        self.rollout = try rollout.flatMap { $0 == .null ? nil : try RolloutConfig(json: $0) }
    }
}
