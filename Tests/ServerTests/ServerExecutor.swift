import Dispatch

/// A test server's own thread for its tasks (connections, handlers, the job manager). The test
/// process runs long synchronous tests of other suites on Swift's cooperative pool, which has
/// one thread per core: with two of them busy for minutes, a server whose tasks waited for that
/// pool answered nothing and its clients timed out. `edgehost serve` has no such neighbours.
final class ServerExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
