import Foundation
import Host
import Testing

/// Paths the tests need: the repository, the packs `swift build` made, and the C packs
/// (the example and the deliberately broken ones) compiled once per test run.
enum Fixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let spyFile = "\(repoRoot)/../shared/data/spy/SPY_1m_2024.csv"
    static var hasSPY: Bool { FileManager.default.fileExists(atPath: spyFile) }

    /// The folder of the test runner: `swift build` puts the Swift packs there.
    static let buildDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path

    static func swiftPack(_ name: String) -> String { "\(buildDir)/lib\(name).so" }

    /// C packs built by Tests/Fixtures/packs/build.sh into a fresh folder, once.
    static let cPacks: Result<String, any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-packs-\(getpid())").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["\(repoRoot)/Tests/Fixtures/packs/build.sh", dir]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PluginError(.loadFailed, file: dir, "build.sh failed") }
        return dir
    }

    static func cPack(_ name: String) throws -> String { "\(try cPacks.get())/lib\(name).so" }

    /// A catalogue of exactly the given files (no search of folders).
    static func catalogue(_ files: [String]) throws -> PackCatalogue {
        try PackCatalogue(searchPath: PackSearchPath(files: files, environment: [:], includeExecutableFolder: false))
    }

    /// Expects `body` to throw a `PluginError` with `code` whose text contains every fragment.
    static func expectError(_ code: PluginError.Code, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation,
                            _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected error [\(code)], nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as PluginError {
            #expect(error.code == code, "got: \(error)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(error.description.contains(fragment), "'\(fragment)' missing from: \(error)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("expected PluginError [\(code)], got \(error)", sourceLocation: sourceLocation)
        }
    }
}
