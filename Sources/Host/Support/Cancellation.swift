import Foundation
import Synchronization

/// A flag a long flow polls at its check points (between features, folds, boosting rounds,
/// configurations), so a server job can stop mid-stage. Cancelling only asks: the flow throws
/// `cancelled` at its next check, before anything is written, so no output is left half-done.
///
/// A flow's last check point is `commit()`: from there it writes its outputs, and a cancel that
/// comes while it does (or after the flow returned) is refused (`cancel()` is false), so a job
/// is never reported cancelled with its outputs written. `release()` (deferred after the
/// commit) ends the writing, and a flow of several stages can be cancelled again before the next.
public final class Cancellation: Sendable {
    private enum State: Int { case open, cancelled, writing, finished }
    private let state = Atomic<Int>(State.open.rawValue)

    public init() {}

    /// Asks the flow to stop at its next check point: true unless it is writing its outputs or
    /// has finished (then it is not cancelled, and ends as it would have).
    @discardableResult public func cancel() -> Bool {
        let (exchanged, was) = state.compareExchange(expected: State.open.rawValue, desired: State.cancelled.rawValue, ordering: .sequentiallyConsistent)
        return exchanged || was == State.cancelled.rawValue
    }

    public var isCancelled: Bool { state.load(ordering: .sequentiallyConsistent) == State.cancelled.rawValue }

    /// Throws `cancelled` once `cancel()` was called.
    public func check() throws {
        guard isCancelled else { return }
        throw Self.cancelled
    }

    /// The last check point: throws `cancelled` when the flow was cancelled; otherwise from now
    /// until `release()` a cancel is refused.
    public func commit() throws {
        let (exchanged, was) = state.compareExchange(expected: State.open.rawValue, desired: State.writing.rawValue, ordering: .sequentiallyConsistent)
        if !exchanged, was == State.cancelled.rawValue { throw Self.cancelled }
    }

    /// The outputs are written: the flow can be cancelled again (at its next stage's check points).
    public func release() {
        _ = state.compareExchange(expected: State.writing.rawValue, desired: State.open.rawValue, ordering: .sequentiallyConsistent)
    }

    /// The flow has returned: a cancel is refused from now on, unless it came first (a flow
    /// returns with its writing released: `release()` is deferred after `commit()`).
    public func finish() {
        _ = state.compareExchange(expected: State.open.rawValue, desired: State.finished.rawValue, ordering: .sequentiallyConsistent)
    }

    static var cancelled: EdgehostError {
        EdgehostError(code: "cancelled", "the run was cancelled before it finished; nothing was written", exit: .unavailable)
    }
}
