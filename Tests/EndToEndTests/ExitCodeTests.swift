import Foundation
import Testing

/// Each exit status of the README's table, once, through the real binary: the class of the
/// error decides it, and the message ends with the error's code.
@Suite struct ExitCodeTests {
    static let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-exit-\(UUID().uuidString)").path

    static func edgehost(_ arguments: String...) -> CLITests.Output {
        CLITests.run("\(CLITests.buildDir)/edgehost", arguments)
    }

    @Test func usageIs64() {
        let out = Self.edgehost("packs", "--no-such-option")
        #expect(out.status == 64, "\(out.stderr)")
    }

    @Test func badInputIs65() {
        let out = Self.edgehost("models", "show", "nope", "--workspace", Self.workspace)
        #expect(out.status == 65 && out.stderr.contains("no model 'nope'") && out.stderr.hasSuffix("[bad-input]\n"), "\(out.stderr)")
    }

    @Test func aFailedCheckIs1() {
        let out = Self.edgehost("pack", "verify", "\(CLITests.packs)/libbroken_leaky.so")
        #expect(out.status == 1 && out.stdout.contains("FAIL"), "\(out.stdout)")
    }

    /// Nothing listens on port 1 of the loopback.
    @Test func anUnreachableDatabaseIs69() {
        let out = Self.edgehost("leaderboard", "--db", "postgres://edgehost@127.0.0.1:1/none", "--workspace", Self.workspace)
        #expect(out.status == 69 && out.stderr.contains("[store-unavailable]"), "\(out.stderr)")
    }

    /// The pack's init returns EDGEHOST_ERR_INTERNAL: its status is in the message and decides the class.
    @Test func aPacksInternalErrorIs70() {
        let out = Self.edgehost("packs", "--plugin", "\(CLITests.packs)/libbroken_init_fails.so")
        #expect(out.status == 70 && out.stderr.contains("status 5 (EDGEHOST_ERR_INTERNAL)") && out.stderr.contains("[init-failed]"), "\(out.stderr)")
    }

    @Test func aMissingFileIs74() {
        let out = Self.edgehost("packs", "--plugin", "/nonexistent/libx.so")
        #expect(out.status == 74 && out.stderr.contains("/nonexistent/libx.so") && out.stderr.contains("[missing-file]"), "\(out.stderr)")
    }
}
