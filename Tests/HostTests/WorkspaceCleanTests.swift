import Foundation
@testable import Host
import Testing

/// `edgehost clean`: only the scope's folders directly under the workspace go; a symbolic
/// link among them goes as a link (what it points to stays); models are never touched.
@Suite struct WorkspaceCleanTests {
    @Test func removesTheScopeOnlyAndNeverFollowsLinks() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-clean-\(UUID().uuidString)").path
        let ws = Workspace(root: "\(base)/ws")
        let outside = "\(base)/outside"
        for folder in ["runs/r1", "reports/phase1", "lake/raw", "models", outside] {
            try FileManager.default.createDirectory(atPath: folder.hasPrefix("/") ? folder : ws.path(folder), withIntermediateDirectories: true)
        }
        try "x".write(toFile: ws.path("runs/r1/run_manifest.json"), atomically: true, encoding: .utf8)
        try "keep".write(toFile: "\(outside)/keep.txt", atomically: true, encoding: .utf8)
        try "m".write(toFile: ws.path("models/m.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: ws.path("events"), withDestinationPath: outside)

        let runtime = WorkspaceClean.targets(ws, all: false)
        #expect(runtime.map { ws.relative($0.path) } == ["runs", "reports", "events"])
        #expect(runtime[0].files == 1 && runtime[0].bytes == 1)
        try WorkspaceClean.remove(runtime, workspace: ws)
        #expect(FileManager.default.fileExists(atPath: "\(outside)/keep.txt"))
        #expect(FileManager.default.fileExists(atPath: ws.path("models/m.json")) && FileManager.default.fileExists(atPath: ws.path("lake/raw")))
        #expect(WorkspaceClean.targets(ws, all: true).map { ws.relative($0.path) } == ["lake"])

        // A target list naming anything else is refused.
        #expect(throws: WorkspaceError.self) {
            try WorkspaceClean.remove([WorkspaceClean.Target(path: ws.path("models"), files: 1, bytes: 1)], workspace: ws)
        }
        #expect(FileManager.default.fileExists(atPath: ws.path("models/m.json")))
    }
}
