import Foundation
@testable import Host
import PackKit
import Testing

/// Where the host writes: the model id rule every path builder applies, output files that are
/// never a link, device or input, and the promotion digest check (issue 13, items 6, 7, 13).
@Suite struct WorkspacePathTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-paths-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: [".", "..", ".hidden", "-rf", "a/b", "", "x y", "é", String(repeating: "a", count: 65)])
    func modelIDsThatCouldLeaveTheirFolderAreRefused(_ id: String) {
        let ws = Workspace(root: "/tmp/ws")
        #expect(!ModelID.isValid(id))
        let error = #expect(throws: WorkspaceError.self) { _ = try ws.matrixFile(id) }
        #expect(error.map { $0.message.hasPrefix("model id '") && $0.message.count < 140 } == true, "\(String(describing: error))")
        #expect(throws: WorkspaceError.self) { _ = try ws.artifactFolder("m", riskProfile: id) }
        #expect(throws: WorkspaceError.self) { _ = try RegistryEntry.parseID("\(id)@v1") }
    }

    @Test func validIDsBuildTheUsualPaths() throws {
        let ws = Workspace(root: "/tmp/ws")
        #expect(ModelID.isValid("spy_opt_0dte_hourly") && ModelID.isValid("v1.2-b") && ModelID.isValid(String(repeating: "a", count: 64)))
        #expect(try ws.matrixFile("m1") == "/tmp/ws/matrices/m1/training_matrix_built.csv")
        #expect(try ws.artifactFolder("m1", riskProfile: "balanced") == "/tmp/ws/artifacts/m1/balanced")
        let long = #expect(throws: WorkspaceError.self) { _ = try ModelConfig(json: .object(["model_id": .string(String(repeating: "x", count: 300)), "pack": .string("p"), "ticker": .string("T"), "asset_type": .string("a"), "horizon": .string("h"), "cadence": .string("c"), "indicator_set": .string("s")]), context: "body") }
        #expect(long?.message == "model id 'xxxxxxxxxxxxxxxxxxxx…' is 300 bytes long; at most 64 are allowed")
    }

    /// A FIFO, a symlink and an input are refused before anything is written.
    @Test func outputsAreNewOrRegularFilesOnly() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = "\(dir)/bars.csv", target = "\(dir)/target.json", link = "\(dir)/link.json", fifo = "\(dir)/fifo"
        try "bars".write(toFile: input, atomically: true, encoding: .utf8)
        try "keep".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [(String, [String], String)] = [
            (link, [], "is a symbolic link (to \(target)); refusing"), (fifo, [], "not a regular file"),
            ("/dev/null", [], "not a regular file"), (dir, [], "is a folder"),
            ("\(dir)/../\((dir as NSString).lastPathComponent)/bars.csv", [input], "is the input \(input)"),
        ]
        for (path, inputs, fragment) in cases {
            let error = #expect(throws: WorkspaceError.self) { try AtomicFile.checkTarget(path, notOneOf: inputs) }
            #expect(error?.message.contains(fragment) == true, "\(path): \(String(describing: error))")
        }
        #expect(throws: WorkspaceError.self) { try AtomicFile.write("x", to: link) }
        #expect(throws: WorkspaceError.self) { try AtomicFile.write("x", to: fifo) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        try AtomicFile.checkTarget("\(dir)/new.json", notOneOf: [input])
        try AtomicFile.checkTarget(target, notOneOf: [input])
    }

    @Test func leftoverTemporariesAreRemoved() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in [".m.csv.tmp-123", ".m.csv.tmp-9", "m.csv", ".other.tmp-1"] {
            FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: Data("x".utf8))
        }
        AtomicFile.removeLeftovers(of: "\(dir)/m.csv")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [".other.tmp-1", "m.csv"])
    }

    /// Promotion checked the gate and the schema but not the digest: a tampered model.json
    /// could be served. It is refused now, `--force` or not.
    @Test func promoteRefusesATamperedVersion() throws {
        let b = RegistryBench()
        let r = try b.registered(1)
        let model = "\(r.root)/m_test/v1/model.json"
        try "weights-evil".write(toFile: model, atomically: true, encoding: .utf8)
        for force in [false, true] {
            expectFailure(["refusing to promote m_test@v1 to active", "\(model): SHA-256", "the file was modified"]) {
                try r.promote(id: "m_test@v1", to: .active, workspace: b.workspace, force: force, reason: "try", actor: "t")
            }
        }
        #expect(try b.active == nil)
        try "weights-1".write(toFile: model, atomically: true, encoding: .utf8)
        try b.promote("v1")
        #expect(try b.active == "v1")
    }

    /// Register checks the workspace artifact's digest against its meta.json.
    @Test func registerRefusesATamperedArtifact() throws {
        let b = RegistryBench()
        try b.train("weights-a")
        try b.write("weights-evil", "artifacts/m_test/balanced/model.json")
        expectFailure(["model.json does not match meta.json's model_sha"]) {
            _ = try b.registry.register(model: RegistryBench.model, workspace: b.workspace, actor: "t")
        }
        expectFailure(["model id '..' is invalid"]) { _ = try b.registry.register(model: "..", workspace: b.workspace, actor: "t") }
        #expect(!FileManager.default.fileExists(atPath: b.registry.root + "/ledger.jsonl"))
    }
}
