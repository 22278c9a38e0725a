import Foundation
import Host
import PackKit
import PackTestKit
import PluginAPI
import Testing

/// PackHarness on the C example pack, called through its C tables. The in-process case (a
/// pack linked into the test, its `edgehost_pack_entry` handed over) is the template's own
/// `swift test` (make template-test); here the entry comes from a private copy of the .so, so
/// no other test's load or release of the same file touches its state.
@Suite struct PackHarnessTests {
    static let copy: Result<String, any Error> = Result {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-harness-\(getpid()).so").path
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: try Fixtures.cPack("cpack"), toPath: copy)
        return copy
    }

    /// The copy's entry, as a test target linking the pack would see its `edgehost_pack_entry`.
    static func entry() throws -> edgehost_pack_entry_t {
        let path = try copy.get()
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE),
              let symbol = dlsym(handle, EDGEHOST_PACK_ENTRY_SYMBOL) else { throw PluginError(.loadFailed, file: path, "dlopen") }
        return symbol.assumingMemoryBound(to: edgehost_pack_entry_t.self).pointee
    }

    let harness: PackHarness
    init() throws { harness = try PackHarness(entry: Self.entry()) }

    @Test func loadsOncePerProcess() throws {
        #expect(harness.pack.id == "cexample")
        #expect(harness.pack.path == "in-process pack 'cexample'")
        #expect(try PackHarness(entry: Self.entry()).pack === harness.pack)
    }

    /// Known answer: momentum(2) = close[i] - close[i - 2].
    @Test func computesThroughTheCTable() throws {
        let input = try Frame([.timestamp("ts", [0, 1, 2, 3].map { $0 * 60_000_000_000 }), .float64("close", [100, 101, 103, 99])])
        let value = Array(try harness.compute("momentum", params: ["period": .number(2)], on: input).float64("value"))
        #expect(value[0].isNaN && value[1].isNaN)
        #expect(value[2] == 3 && value[3] == -2)
        for market in GoldenMarket.all {
            let bars = try GoldenBars.frame(market)
            #expect(try harness.compute("momentum", market: market).rowCount == bars.rowCount)
            #expect(try harness.causalityViolation(indicator: "momentum", market: market) == nil)
        }
    }

    @Test func riskProfileAndParameterErrors() throws {
        #expect(try harness.budgets("default")["threshold_floor"]?.doubleValue == 0.6)
        #expect { try harness.compute("momentum", params: ["period": .number(0)]) } throws: { error in
            (error as? PluginError)?.code == .invalidParameters && "\(error)".contains("period")
        }
    }

    @Test func passesConformanceInEveryMarket() throws {
        try PackConformance.check(entry: Self.entry())
        let report = PackConformance.report(harness)
        let names = Set(report.checks.map(\.name))
        for market in GoldenMarket.all {
            #expect(names.contains("indicator 'momentum' prefix-truncation invariance on \(market)"))
            #expect(names.contains("labeler 'forward_return' causality on \(market)"))
        }
    }
}
