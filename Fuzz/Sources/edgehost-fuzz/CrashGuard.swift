import Foundation

/// Saves the input being run when the process dies of it. A trap or a signal cannot be caught
/// in Swift, so every execution first copies its input into a fixed buffer, and a signal
/// handler (async-signal-safe: only write/open/_exit) dumps that buffer to `crashPath`.
enum CrashGuard {
    nonisolated(unsafe) static let capacity = 1 << 20  // seeds may be longer than generated inputs
    nonisolated(unsafe) static var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var crashPath: UnsafeMutablePointer<CChar>?
    /// Executions started so far, reported with a finding (how fast it was found).
    nonisolated(unsafe) static var executions = 0

    /// Installs the handlers; `timeoutSeconds` arms SIGALRM per execution, `memoryMB` caps the address space.
    static func install(crashPath path: String, memoryMB: Int) {
        crashPath = strdup(path)
        if memoryMB > 0 {
            var limit = rlimit(rlim_cur: rlim_t(memoryMB) << 20, rlim_max: rlim_t(memoryMB) << 20)
            setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        }
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGALRM] {
            signal(sig) { sig in
                let message = sig == SIGALRM ? "edgehost-fuzz: timeout (hang) at execution " : "edgehost-fuzz: crash (signal) at execution "
                _ = message.withCString { write(2, $0, strlen($0)) }
                // Decimal digits by hand: nothing that allocates is safe in a signal handler.
                var digits: (UInt64, UInt64, UInt64) = (0, 0, 0), n = CrashGuard.executions, count = 0
                withUnsafeMutableBytes(of: &digits) { d in
                    repeat { d[23 - count] = UInt8(48 + n % 10); n /= 10; count += 1 } while n > 0 && count < 23
                    _ = write(2, d.baseAddress! + 24 - count, count)
                }
                _ = "; input saved\n".withCString { write(2, $0, strlen($0)) }
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
        executions += 1
        length = min(data.count, capacity)
        data.copyBytes(to: buffer, count: length)
        alarm(timeoutSeconds)
    }

    static func disarm() { alarm(0) }
}
