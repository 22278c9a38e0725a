import Foundation
import Testing

/// The real `edgehost` binary, as a user runs it: output, messages and exit codes.
@Suite struct CLITests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let buildDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
    static let packs: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-e2e-packs-\(getpid())").path
        _ = run("/bin/sh", ["\(repoRoot)/Tests/Fixtures/packs/build.sh", dir])
        return dir
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil, directory: String? = nil,
                    environment: [String: String] = [:]) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        if stdin != nil { process.standardInput = input }
        do { try process.run() } catch { return Output(status: -1, stdout: "", stderr: "\(error)") }
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func edgehost(_ arguments: String...) -> Output { run("\(buildDir)/edgehost", arguments) }

    @Test func versionAndHelp() {
        #expect(Self.edgehost("--version").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = Self.edgehost("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("packs") && help.stdout.contains("pack verify"))
        #expect(Self.edgehost("pack", "verify", "--help").stdout.contains("prefix-truncation"))
    }

    @Test func packsListsShippedAndCPacks() throws {
        let table = Self.edgehost("packs", "--plugin", "\(Self.packs)/libcpack.so")
        #expect(table.status == 0, "\(table.stderr)")
        for id in ["zeroedge", "swiftexample", "cexample", "crypto", "builtin"] {
            #expect(table.stdout.contains(id), "\(id) missing from:\n\(table.stdout)")
        }
        let json = Self.edgehost("packs", "--json", "--plugin", "\(Self.packs)/libcpack.so")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(Set(parsed?.compactMap { $0["id"] as? String } ?? []) == ["zeroedge", "swiftexample", "cexample", "crypto", "es0dte", "zerodteput"])
        let show = Self.edgehost("packs", "show", "cexample", "--plugin", "\(Self.packs)/libcpack.so")
        #expect(show.stdout.contains("param period: int = 10 [min 1, max 100000]"), "\(show.stdout)")
        #expect(show.stdout.contains("label horizon 15 bars"), "\(show.stdout)")
        // Like every subcommand, `packs` takes --workspace.
        #expect(Self.edgehost("packs", "--workspace", "/tmp/edgehost-unused").status == 0)
        #expect(Self.edgehost("packs", "show", "zeroedge", "--workspace", "/tmp/edgehost-unused").status == 0)
    }

    /// Every broken pack: bad input (65), or internal (70) when its init says EDGEHOST_ERR_INTERNAL;
    /// the file and the error code in the message, no crash.
    @Test(arguments: [
        ("broken_not_elf", "not-shared-object"), ("broken_no_entry", "missing-entry"), ("broken_abi_major", "abi-mismatch"),
        ("broken_struct_size", "struct-too-small"), ("broken_init_fails", "init-failed"), ("broken_factory_size", "invalid-entry"),
    ])
    func brokenPackExitsWithItsError(_ name: String, _ code: String) {
        let path = "\(Self.packs)/lib\(name).so"
        let out = Self.edgehost("packs", "--plugin", path)
        #expect(out.status == (name == "broken_init_fails" ? 70 : 65), "\(name): status \(out.status), stderr: \(out.stderr)")
        #expect(out.stderr.contains(path) && out.stderr.contains("[\(code)]"), "\(out.stderr)")
    }

    @Test func duplicateAndMissingFiles() {
        let dup = Self.edgehost("packs", "--plugin", "\(Self.packs)/libbroken_dup_a.so", "--plugin", "\(Self.packs)/libbroken_dup_b.so")
        #expect(dup.status == 65 && dup.stderr.contains("[duplicate-pack]"), "\(dup.stderr)")
        let missing = Self.edgehost("packs", "--plugin", "/nonexistent/libx.so")
        #expect(missing.status == 74 && missing.stderr.contains("/nonexistent/libx.so") && missing.stderr.contains("[missing-file]"))
        let unknown = Self.edgehost("packs", "show", "ghost")
        #expect(unknown.status == 65 && unknown.stderr.contains("no pack 'ghost'"))
    }

    @Test func verifyPassesGoodPacksAndNamesTheLeakyIndicator() {
        let good = Self.edgehost("pack", "verify", "\(Self.packs)/libcpack.so")
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("PASS"))
        let leaky = Self.edgehost("pack", "verify", "\(Self.packs)/libbroken_leaky.so")
        #expect(leaky.status == 1)
        #expect(leaky.stdout.contains("FAIL  indicator 'peeks_ahead' prefix-truncation invariance"), "\(leaky.stdout)")
        let bad = Self.edgehost("pack", "verify", "\(Self.packs)/libbroken_abi_major.so")
        #expect(bad.status == 1 && bad.stdout.contains("ABI 99.1"))
    }

    @Test func badLogLevelIsAUsageError() {
        let out = Self.edgehost("packs", "--log-level", "loud")
        #expect(out.status != 0 && out.stderr.contains("--log-level must be one of"))
    }
}
