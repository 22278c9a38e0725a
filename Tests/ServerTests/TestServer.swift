import EdgehostServer
import Foundation
import Host
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The server started inside the test on a free 127.0.0.1 port, with a throwaway workspace and
/// registry and the zeroedge pack `swift build` made; `stop()` cancels it (graceful shutdown).
struct TestServer {
    let port: Int
    let workspace: String
    let server: EdgehostServer
    private let task: Task<Void, any Error>

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// The folder of the test runner: `swift build` puts the Swift packs there.
    static let buildDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path

    /// Loaded once for every server of the run: a released catalogue unloads its packs, which
    /// other servers' catalogues of the same file may still be using.
    /// The pack is loaded from a private copy: other suites in this process load and release the
    /// build folder's copy, and a released catalogue runs the pack's deinit under any other user of
    /// that same loaded file (a job thread of ours). A copy is a separate load with its own state.
    static let shared = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-server-packs-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = "\(folder)/libzeroedge.so"
        if !FileManager.default.fileExists(atPath: copy) { try FileManager.default.copyItem(atPath: "\(buildDir)/libzeroedge.so", toPath: copy) }
        return try PackCatalogue(searchPath: PackSearchPath(files: [copy], environment: [:], includeExecutableFolder: false))
    }

    static func catalogue() throws -> PackCatalogue { try shared.get() }

    static func start(token: String? = nil, workspace: String? = nil, host: String = "127.0.0.1") async throws -> TestServer {
        let root = workspace ?? FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-server-\(UUID().uuidString)").path
        let configuration = try ServerConfiguration(host: host, port: 0, workspace: Workspace(root: root),
                                                    registry: Registry(root: "\(root)/registry"), token: token, environment: [:])
        let server = try EdgehostServer(configuration: configuration, catalogue: try catalogue())
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task(executorPreference: ServerExecutor(label: "edgehost.test-server")) {
            try await server.run { port in continuation.yield(port) }
        }
        for await port in ports { return TestServer(port: port, workspace: root, server: server, task: task) }
        throw CancellationError()
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    struct Reply {
        let status: Int
        let body: Data
        let headers: [String: String]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    /// One request to this server (127.0.0.1 only).
    func request(_ method: String, _ path: String, json: Any? = nil, body: Data? = nil, token: String? = nil,
                 headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.timeoutInterval = 120
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let finalRequest = request
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: finalRequest) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                let http = response as? HTTPURLResponse
                var headers: [String: String] = [:]
                for (key, value) in http?.allHeaderFields ?? [:] { headers["\(key)"] = "\(value)" }
                continuation.resume(returning: Reply(status: http?.statusCode ?? 0, body: data ?? Data(), headers: headers))
            }.resume()
        }
    }

    func get(_ path: String) async throws -> Reply { try await request("GET", path) }
    func post(_ path: String, _ json: Any, token: String? = nil) async throws -> Reply { try await request("POST", path, json: json, token: token) }

    /// Polls `GET /jobs/{id}` until the job ends (at most `timeout` seconds).
    func wait(job id: String, timeout: Double = 600) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let job = try await get("/jobs/\(id)").object
            if let state = job["state"] as? String, !["queued", "running"].contains(state) { return job }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await get("/jobs/\(id)").object
    }
}

extension TestServer {
    /// Writes `request` byte for byte on a new connection (URLSession would normalise paths and
    /// never pipelines) and reads until `marker` has arrived, or to the end of the connection
    /// when `marker` is nil. A silent connection fails after 120 s: a whole parallel test run can
    /// keep the server busy for long.
    func raw(_ request: String, until marker: String? = nil) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while marker.map({ !String(decoding: received, as: UTF8.self).contains($0) }) ?? true {
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { break }
            received += chunk[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
