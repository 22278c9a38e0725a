import Host
import PackKit
import PluginAPI

/// The checks `edgehost pack verify` runs, for a pack's own test target, plus each indicator's
/// and labeler's behaviour on the golden bars of several markets.
///
///     func testConformance() throws { try PackConformance.check(entry: edgehost_pack_entry) }
///
/// A failure throws `PackConformance.Failure`, whose text names each failed check by component
/// and check ("indicator 'ema' prefix-truncation invariance on cme-globex-1m: …"); XCTest and
/// Swift Testing both report a thrown error as the test's failure.
public enum PackConformance {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var pack: String
        public var failed: [PackVerifier.Check]
        public var description: String {
            "pack \(pack) fails \(failed.count) conformance check(s):\n"
                + failed.map { "  \($0.name): \($0.detail)" }.joined(separator: "\n")
        }
    }

    /// Throws a `Failure` listing every failed check of the pack linked into this process.
    public static func check(entry: edgehost_pack_entry_t, markets: [GoldenMarket] = GoldenMarket.all) throws {
        try check(PackHarness(entry: entry), markets: markets)
    }

    /// The same for a built pack file, loaded with dlopen.
    public static func check(path: String, markets: [GoldenMarket] = GoldenMarket.all) throws {
        try check(PackHarness(path: path), markets: markets)
    }

    public static func check(_ harness: PackHarness, markets: [GoldenMarket] = GoldenMarket.all) throws {
        let failed = report(harness, markets: markets).checks.filter { !$0.passed }
        guard failed.isEmpty else { throw Failure(pack: harness.pack.path, failed: failed) }
    }

    /// Every check, passed or not: `edgehost pack verify`'s component checks (a file's own
    /// checks, its ELF and exports, need `edgehost pack verify FILE`), then each indicator's
    /// and labeler's checks again on the golden bars of every market, named with the market.
    public static func report(_ harness: PackHarness, markets: [GoldenMarket] = GoldenMarket.all) -> PackVerifier.Report {
        let pack = harness.pack
        var report = PackVerifier.verify(pack: pack)
        for market in markets {
            var checks: [PackVerifier.Check] = []
            for info in pack.components[.indicator] ?? [] {
                checks += onMarket(harness, info, market) { PackVerifier.verifyIndicator(pack, info, bars: $0) }
            }
            for info in pack.components[.labeler] ?? [] {
                checks += onMarket(harness, info, market) { [PackVerifier.verifyLabeler(pack, info, bars: $0)] }
            }
            report.checks += checks.map { PackVerifier.Check(name: "\($0.name) on \(market)", passed: $0.passed, detail: $0.detail) }
        }
        return report
    }

    /// `checks` run on the golden bars of `market` with the component's inputs.
    private static func onMarket(_ harness: PackHarness, _ info: ComponentInfo, _ market: GoldenMarket,
                                 _ checks: (Frame) -> [PackVerifier.Check]) -> [PackVerifier.Check] {
        do {
            return checks(try harness.goldenBars(for: info, market: market))
        } catch {
            return [PackVerifier.Check(name: "golden bars for '\(info.id)'", passed: false, detail: "\(error)")]
        }
    }
}
