import Foundation

/// A recorded-format vendor API (`Tests/Fixtures/<vendor>/server.py`) on a free 127.0.0.1 port.
/// The script prints its port, serves until its stdin closes or its parent is gone, and gets
/// `/dev/null` as stderr: `swift test` waits for the test process's stderr to close, so a server
/// that outlived the tests while holding it (its stdin's write end inherited by another child)
/// would hang the run.
public final class FixtureHTTPServer: @unchecked Sendable {  // immutable after init
    /// The system's python first: version-manager shims on PATH add half a second per start.
    public static let python: String? = (["/usr/bin"] + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init))
        .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    private let process = Process()
    private let input = Pipe()
    /// `http://127.0.0.1:<port>`.
    public let base: String

    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(script: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: Self.python ?? "/usr/bin/python3")
        process.arguments = [script]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw LaunchError(description: "fixture server \(script) exited before printing its port") }
            line.append(chunk)
        }
        base = "http://127.0.0.1:" + String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closing stdin ends the server even if terminate's signal were missed.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}
