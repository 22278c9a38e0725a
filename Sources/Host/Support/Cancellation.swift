import Foundation
import Synchronization

/// A flag a long flow polls at its check points (between features, folds, boosting rounds,
/// configurations), so a server job can stop mid-stage. Cancelling only asks: the flow throws
/// `cancelled` at its next check, before anything is written, so no output is left half-done.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Throws `cancelled` once `cancel()` was called.
    public func check() throws {
        guard isCancelled else { return }
        throw EdgehostError(code: "cancelled", "the run was cancelled before it finished; nothing was written", exit: .unavailable)
    }
}
