import Foundation
import PackKit
import Testing
@testable import Host

/// PSI and KS against numpy/scipy (Tests/oracles/drift_reference.py), and the drift report's
/// windows and flags on a features table whose last week shifts.
@Suite struct DriftStatisticsTests {
    /// Deterministic samples: a linear congruential generator, Box–Muller normals.
    static func normals(_ n: Int, seed: UInt64, mean: Double = 0, sd: Double = 1) -> [Double] {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        return (0..<n).map { _ in mean + sd * (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
    }

    @Test func psiAndKSMatchNumpyAndScipy() throws {
        let cases: [(reference: [Double], live: [Double])] = [
            (Self.normals(2_000, seed: 1), Self.normals(500, seed: 2)),
            (Self.normals(2_000, seed: 3), Self.normals(500, seed: 4, mean: 0.5, sd: 1.3)),
            (Self.normals(300, seed: 5), Self.normals(300, seed: 6, mean: 3)), // live beyond every edge: empty bins
            ((0..<100).map { Double($0 % 7) }, (0..<80).map { Double($0 % 5) }), // ties on the edges
        ]
        let input = JSON.array(cases.map { .object(["reference": .array($0.reference.map(JSON.number)), "live": .array($0.live.map(JSON.number))]) })
        let output = try PythonOracle.run([PythonOracle.script("drift_reference.py")], input: input.text)
        guard case .array(let expected) = try JSON.parse(output) else { Issue.record("oracle: \(output)"); return }
        for (c, e) in zip(cases, expected) {
            let psi = DriftStatistics.psi(reference: c.reference, live: c.live), ks = DriftStatistics.ks(c.reference, c.live)
            #expect(abs(psi - (e["psi"]?.doubleValue ?? .nan)) <= 1e-9 * max(1, abs(psi)), "psi \(psi) vs \(e)")
            #expect(abs(ks - (e["ks"]?.doubleValue ?? .nan)) <= 1e-12, "ks \(ks) vs \(e)")
        }
        #expect(DriftStatistics.psi(reference: cases[2].reference, live: cases[2].live) > 5)
    }

    @Test func reportFlagsTheShiftedFeatureOnly() throws {
        // 37 days of hourly rows: `steady` keeps its distribution, `shifted` moves by 1 sd in the last 7 days.
        let hours = 37 * 24, hour: Int64 = 3_600_000_000_000
        let ts = (0..<hours).map { Int64($0) * hour + 1_672_531_200_000_000_000 }
        let steady = Self.normals(hours, seed: 11)
        var shifted = Self.normals(hours, seed: 12)
        for i in (30 * 24)..<hours { shifted[i] += 1 }
        let table = FeatureTable(ts: ts, names: ["steady", "shifted"], columns: [steady, shifted])
        let report = try DriftReport(table, referenceDays: 30, liveDays: 7)
        #expect(report.rows.map(\.liveCount) == [168, 168])
        #expect(report.rows.map(\.referenceCount) == [720, 720])
        #expect(report.rows.map(\.flagged) == [false, true])
        #expect(report.drifted)
        #expect(report.table.contains("shifted"))
        #expect(report.table.contains("DRIFT"))
        #expect(throws: WorkspaceError.self) { try DriftReport(table, referenceDays: 30, liveDays: 40) }
    }

    @Test func featuresFileErrorsNameTheLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.csv").path
        try "ts,a\n2023-01-01T00:00:00Z,1\n2023-01-01T00:05:00Z,x\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try FeatureTable.read(path: path) } throws: { error in
            let text = "\(error)"
            return text.contains("f.csv:3") && text.contains("'a'")
        }
    }
}
