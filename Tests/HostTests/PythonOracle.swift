import Foundation

/// Runs the reference scripts of Tests/oracles (and Benchmarks) with Python: `EDGEHOST_PYTHON`,
/// else `python3`. A missing interpreter or package is a failure that says how to install it.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static var python: String { ProcessInfo.processInfo.environment["EDGEHOST_PYTHON"] ?? "python3" }
    static let installHint = "install the references with: python3 -m pip install -r Tests/oracles/requirements.txt"

    /// `python arguments…` with `input` on stdin: its stdout, or a failure carrying its stderr.
    static func run(_ arguments: [String], input: String) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (stdin, stdout, stderr)
        do { try process.run() } catch { throw Failure(description: "cannot start \(python) (\(error)); \(installHint)") }
        // The scripts read all of their input before they write, so this order cannot deadlock.
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(python) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus): \(message.trimmingCharacters(in: .whitespacesAndNewlines)); \(installHint)")
        }
        return output
    }

    /// A script under Tests/oracles, by file name.
    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("oracles").appendingPathComponent(name).path
    }
}
