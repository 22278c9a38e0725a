import Foundation

enum Parallel {
    /// `body(0) … body(count - 1)` over the cores (`concurrentPerform`), each worker logging as
    /// its caller does: into the caller's stage log and capture of pack warnings (`Log.context`),
    /// which, being task-local, would not reach Dispatch's threads by themselves.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        let log = Log.context
        DispatchQueue.concurrentPerform(iterations: count) { i in Log.within(log) { body(i) } }
    }
}
