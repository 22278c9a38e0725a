import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// and not in `--json` mode; otherwise silent, so logs and pipes stay clean.
public final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let label: String
    private var lastDrawn = -1
    /// Parallel work (walk-forward folds, sweeps) reports from several threads.
    private let lock = NSLock()
    /// Told every step, drawn or not (the server's jobs report progress through it).
    private let observer: (@Sendable (_ step: String, _ done: Int, _ total: Int) -> Void)?
    /// Asked at the flows' check points; nil = the run cannot be cancelled (the CLI's).
    public let cancellation: Cancellation?

    public init(_ label: String, enabled: Bool = isatty(2) == 1) {
        self.label = label
        self.enabled = enabled
        observer = nil
        cancellation = nil
    }

    /// A progress that draws nothing and tells `observer` every step.
    public init(cancellation: Cancellation? = nil, observer: @escaping @Sendable (_ step: String, _ done: Int, _ total: Int) -> Void) {
        label = ""
        enabled = false
        self.observer = observer
        self.cancellation = cancellation
    }

    /// Throws `cancelled` when the run was cancelled: the flows call it between units of work.
    public func checkCancelled() throws { try cancellation?.check() }

    /// A flow's last check point, before it writes its outputs (`Cancellation.commit`): defer
    /// `release()` right after it.
    public func commit() throws { try cancellation?.commit() }

    public func release() { cancellation?.release() }

    public static let silent = Progress("", enabled: false)

    /// Draws `step` (e.g. "features") at `done` of `total`.
    public func update(_ step: String, _ done: Int, of total: Int) {
        if let observer, total > 0 { observer(step, done, total) }
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 24
        let filled = done * width / total
        let key = filled * 1000 + done
        guard key != lastDrawn else { return }
        lastDrawn = key
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(step.padding(toLength: 12, withPad: " ", startingAt: 0)) \(bar) \(done)/\(total)\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the line.
    public func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        lastDrawn = -1
    }
}
