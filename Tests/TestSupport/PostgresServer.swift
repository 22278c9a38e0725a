import Foundation

/// A throw-away PostgreSQL server on 127.0.0.1, started once per test process (`shared`) and
/// stopped when it exits. Each test gets its own database from `database(_:)`. Shared by the
/// test targets (TestSupport); PostgreSQL itself comes from `make test` (scripts/install-deps.sh test).
public final class PostgresServer: Sendable {
    /// The server, or why it could not start (every PostgreSQL test then fails with that reason).
    public static let shared: Result<PostgresServer, any Error> = Result { try PostgresServer() }

    /// A URL of a database named after `name` on the shared server, created on first use.
    public static func database(_ name: String) throws -> String { try shared.get().database(name) }

    public let port: Int
    /// Holds the cluster (data/), the Unix socket and the logs; removed with the server.
    public let folder: String
    private let bin: String
    private let created = Locked<Set<String>>([])

    private init() throws {
        bin = try Self.binaries()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // initdb refuses to run as root: the cluster then belongs to `nobody`.
        if getuid() == 0 { chown(folder, 65534, 65534) }
        try Self.check(Self.spawn(Self.asOwner(["\(bin)/initdb", "-D", "\(folder)/data", "-U", "edgehost", "--auth=trust",
                                                "-E", "UTF8", "--no-locale", "--no-sync"]), log: "\(folder)/initdb.log"),
                       "initdb", log: "\(folder)/initdb.log")
        // Another process may take the free port between finding and binding it: try a few.
        var attempt = 0
        while true {
            let port = try Self.freePort()
            let options = "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            let status = Self.spawn(Self.asOwner(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-o", options, "-l", "\(folder)/server.log", "-w", "start"]),
                                    log: "\(folder)/pg_ctl.log")
            attempt += 1
            if status == 0 {
                self.port = port
                break
            }
            if attempt == 3 { try Self.check(status, "pg_ctl start", log: "\(folder)/server.log") }
        }
        Self.stopAtExit(bin: bin, folder: folder)
    }

    public func url(_ database: String) -> String { "postgres://edgehost@127.0.0.1:\(port)/\(database)" }

    /// A database name PostgreSQL accepts unquoted (lower case ASCII, at most 63 bytes) made
    /// from `name`; names that long are cut, so callers keep what tells them apart short.
    public static func databaseName(_ name: String) -> String {
        let cleaned = name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "_" }.joined()
        return String(("t_" + cleaned).prefix(63))
    }

    private func database(_ name: String) throws -> String {
        let database = Self.databaseName(name)
        try created.withLock { names in
            guard !names.contains(database) else { return }
            // One at a time: CREATE DATABASE copies template1, which must not be in use.
            let log = "\(folder)/createdb.log"
            try Self.check(Self.spawn(["\(bin)/createdb", "-h", "127.0.0.1", "-p", "\(port)", "-U", "edgehost", database], log: log),
                           "createdb \(database)", log: log)
            names.insert(database)
        }
        return url(database)
    }

    // MARK: processes

    /// The folder of initdb and pg_ctl. A test installs nothing: `make test` does.
    private static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        // The newest major version, compared as numbers ("16" after "9.6").
        let found = versions.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.reversed()
            .map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl") }
        guard let found else {
            throw ServerError("PostgreSQL's initdb and pg_ctl are not installed: run `make deps-test` (or `sudo apt-get install postgresql`)")
        }
        return found
    }

    /// `arguments` run as the cluster's owner: `nobody` when this process is root.
    private static func asOwner(_ arguments: [String]) -> [String] {
        getuid() == 0 ? ["/usr/sbin/runuser", "-u", "nobody", "--"] + arguments : arguments
    }

    private static func check(_ status: Int32, _ what: String, log: String) throws {
        guard status != 0 else { return }
        let tail = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(8).joined(separator: "\n")
        throw ServerError("\(what) failed (exit status \(status)):\n\(tail)")
    }

    /// Runs `arguments` with stdin empty and stdout and stderr to `log` (a pipe would never
    /// close: the server pg_ctl leaves behind inherits it), and no other descriptor of this
    /// process (the test runner's pipes would stay open as long as the server lives, so a
    /// `make test | tee` would wait for it). Its exit status, or 0 when started without waiting.
    private static func spawn(_ arguments: [String], log: String, wait: Bool = true) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc ≥ 2.34 has it, but only under _GNU_SOURCE, which Swift's Glibc module does not set.
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return 127 }
        guard wait else { return 0 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// A port nobody listens on now: the kernel's pick for a socket bound to port 0.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ServerError("cannot find a free port on 127.0.0.1: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Stops the server and removes its folder when this process exits normally; a watchdog
    /// does the same if it dies (a crash, a kill), so no server outlives its tests.
    private static func stopAtExit(bin: String, folder: String) {
        let stop = "\(bin)/pg_ctl -D \(folder)/data stop -m immediate"
        let cleanup = "\(getuid() == 0 ? "/usr/sbin/runuser -u nobody -- " : "")\(stop); rm -rf \(folder)"
        Exit.cleanup.withLock { $0 = cleanup }
        atexit {
            guard let cleanup = Exit.cleanup.withLock({ $0 }) else { return }
            _ = PostgresServer.spawn(["/bin/sh", "-c", cleanup], log: "/dev/null")
        }
        let watchdog = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; [ -d \(folder) ] && { \(cleanup); }"
        _ = spawn(["/bin/sh", "-c", watchdog], log: "/dev/null", wait: false)
    }

    private enum Exit {
        /// The shell command atexit runs (a C callback cannot capture it).
        static let cleanup = Locked<String?>(nil)
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A value behind a lock, shareable between test threads.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
