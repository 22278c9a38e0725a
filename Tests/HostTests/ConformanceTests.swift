import Foundation
import Host
import PackKit
import Testing

/// `edgehost pack verify`: shipped packs pass, a leaky indicator is caught by name.
@Suite struct ConformanceTests {
    @Test(arguments: ["swiftexample", "zeroedge", "zerodteput"])
    func shippedSwiftPacksPass(_ name: String) {
        let report = PackVerifier.verify(path: Fixtures.swiftPack(name))
        #expect(report.passed, "\(report.text)")
    }

    @Test func cExamplePackPasses() throws {
        let report = PackVerifier.verify(path: try Fixtures.cPack("cpack"))
        #expect(report.passed, "\(report.text)")
        #expect(report.checks.contains { $0.name == "indicator 'momentum' prefix-truncation invariance" && $0.passed })
        #expect(report.checks.contains { $0.name == "labeler 'forward_return' causality" && $0.passed })
    }

    @Test func leakyIndicatorIsNamed() throws {
        let report = PackVerifier.verify(path: try Fixtures.cPack("broken_leaky"))
        #expect(!report.passed)
        let failed = report.checks.filter { !$0.passed }
        #expect(failed.count == 1, "\(report.text)")
        #expect(failed.first?.name == "indicator 'peeks_ahead' prefix-truncation invariance")
        #expect(failed.first?.detail.contains("uses future data") == true)
        #expect(report.checks.contains { $0.name == "indicator 'honest' prefix-truncation invariance" && $0.passed })
    }

    @Test func causalityCheckFindsTheFirstChangedRow() throws {
        let input = try Frame([.float64("x", (0..<100).map(Double.init))])
        // value[i] = x[i + 1]: the last row before each cut sees the removed future.
        let leak: (Frame) throws -> Frame = { f in
            let x = try f.float64("x")
            return try Frame([.float64("v", (0..<x.count).map { $0 + 1 < x.count ? x[$0 + 1] : .nan })])
        }
        let violation = try CausalityCheck.check(input: input, full: try leak(input), cuts: [50, 80], compute: leak)
        #expect(violation?.row == 49)
        #expect(violation?.column == "v")
        let causal: (Frame) throws -> Frame = { f in try Frame([.float64("v", Array(try f.float64("x")))]) }
        let none = try CausalityCheck.check(input: input, full: try causal(input), cuts: [50, 80], compute: causal)
        #expect(none == nil)
    }

    @Test func everyPackExportsExactlyOneSymbol() throws {
        let paths = [Fixtures.swiftPack("zeroedge"), Fixtures.swiftPack("swiftexample"), try Fixtures.cPack("cpack")]
        for path in paths {
            let symbols = try ELFFile(path: path).exportedSymbols
            #expect(symbols == ["edgehost_pack_entry"], "\(path)")
            // Cross-check with binutils: global (upper-case) defined dynamic symbols.
            let nm = Process()
            let pipe = Pipe()
            nm.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            nm.arguments = ["nm", "-D", "--defined-only", path]
            nm.standardOutput = pipe
            try nm.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            nm.waitUntilExit()
            let globals = text.split(separator: "\n").compactMap { line -> String? in
                let parts = line.split(separator: " ")
                return parts.count == 3 && parts[1].first!.isUppercase ? String(parts[2]) : nil
            }
            #expect(globals == ["edgehost_pack_entry"], "\(path): \(globals)")
        }
    }
}
