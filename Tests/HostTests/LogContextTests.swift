import Foundation
@testable import Host
import Testing

/// Two pipelines in one process keep their own stage logs and pack-warning captures, also from
/// the workers a flow fans out to (`Parallel.forEach`).
@Suite struct LogContextTests {
    @Test func concurrentStagesLogIntoTheirOwnFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-log-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = ["a", "b"]
        let warnings = await withTaskGroup(of: (String, [String]).self) { group in
            for name in names {
                group.addTask {
                    let (_, captured) = Log.capturingPackWarnings {
                        Log.teeing(to: "\(folder)/\(name).log") {
                            for i in 0..<50 { Log.write(.info, "\(name) line \(i)", source: "stage \(name)") }
                            Parallel.forEach(8) { w in Log.write(.warn, "\(name) worker \(w)", source: "pack \(name)") }
                        }
                    }
                    return (name, captured)
                }
            }
            var all: [String: [String]] = [:]
            for await (name, lines) in group { all[name] = lines }
            return all
        }
        for name in names {
            let other = name == "a" ? "b" : "a"
            let lines = try String(contentsOfFile: "\(folder)/\(name).log", encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 58, "\(name): \(lines.count) lines")
            #expect(lines.allSatisfy { $0.contains("\(name) line") || $0.contains("\(name) worker") }, "\(name) got \(other)'s lines")
            #expect(warnings[name]?.count == 8 && warnings[name]?.allSatisfy { $0.hasPrefix("pack \(name): ") } == true, "\(warnings[name] ?? [])")
        }
    }
}
