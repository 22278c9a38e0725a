import Foundation

/// Saves the input being run when the process dies of it. A trap or a signal cannot be caught
/// in Swift, so every execution first copies its input into a fixed buffer, and a signal
/// handler (async-signal-safe: only write/open/_exit) dumps that buffer to `crashPath`.
enum CrashGuard {
    nonisolated(unsafe) static var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Mutator.maxSize)
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var crashPath: UnsafeMutablePointer<CChar>?

    /// Installs the handlers; `timeoutSeconds` arms SIGALRM per execution, `memoryMB` caps the address space.
    static func install(crashPath path: String, memoryMB: Int) {
        crashPath = strdup(path)
        if memoryMB > 0 {
            var limit = rlimit(rlim_cur: rlim_t(memoryMB) << 20, rlim_max: rlim_t(memoryMB) << 20)
            setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        }
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGALRM] {
            signal(sig) { sig in
                let message = sig == SIGALRM ? "edgehost-fuzz: timeout (hang); input saved\n" : "edgehost-fuzz: crash (signal); input saved\n"
                _ = message.withCString { write(2, $0, strlen($0)) }
                if let path = CrashGuard.crashPath {
                    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                    if fd >= 0 { _ = write(fd, CrashGuard.buffer, CrashGuard.length); close(fd) }
                }
                _exit(sig == SIGALRM ? 3 : 2)
            }
        }
    }

    /// Records `data` as the current input.
    static func arm(_ data: Data, timeoutSeconds: UInt32) {
        length = min(data.count, Mutator.maxSize)
        data.copyBytes(to: buffer, count: length)
        alarm(timeoutSeconds)
    }

    static func disarm() { alarm(0) }
}
