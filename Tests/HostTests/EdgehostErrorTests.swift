import Foundation
import Host
import PackKit
import Testing

/// Every error converts to one model: a stable code, the object concerned, the exit class.
@Suite struct EdgehostErrorTests {
    @Test func aPacksStatusDecidesTheClassAndStaysInTheMessage() {
        let io = EdgehostError(PluginError(.componentFailed, file: "/p/libx.so", status: 3, "adapter failed with status \(PluginError.statusText(3)): no file"))
        #expect(io.code == "component-failed" && io.exit == .io && io.object == "/p/libx.so")
        #expect(io.description == "/p/libx.so: adapter failed with status 3 (EDGEHOST_ERR_IO): no file [component-failed]")
        #expect(EdgehostError(PluginError(.initFailed, file: nil, status: 5, "init")).exit == .internalError)
        #expect(EdgehostError(PluginError(.componentFailed, file: nil, status: 2, "bad row")).exit == .badInput)
        #expect(EdgehostError(PluginError(.missingFile, file: "/x.so", "no such file")).exit == .io)
        #expect(PluginError.statusText(42) == "42 (unknown status)")
    }

    @Test func hostErrorsHaveOneCodeEach() {
        let input = EdgehostError(WorkspaceError("no model 'nope'"))
        #expect(input.code == "bad-input" && input.exit == .badInput && input.description == "no model 'nope' [bad-input]")
        #expect(input.cause is WorkspaceError)
        let down = EdgehostError(StoreError("postgres://u@127.0.0.1:1/db", "connect", "Connection refused"))
        #expect(down.code == "store-unavailable" && down.exit == .unavailable && down.object == "postgres://u@127.0.0.1:1/db")
        #expect(EdgehostError(StoreError("lb.sqlite", "INSERT INTO x", "disk I/O error")).exit == .io)
        struct Surprise: Error {}
        let bug = EdgehostError(Surprise())
        #expect(bug.code == "internal" && bug.exit == .internalError)
        #expect(EdgehostError.Exit.checkFailed.rawValue == 1 && EdgehostError.Exit.usage.rawValue == 64)
    }
}
