import Host
import PackTestKit
import Testing

/// PackTestKit's failure names the component and the check, in every market.
@Suite struct PackTestKitFailureTests {
    @Test func leakyIndicatorFailsByNameInEveryMarket() throws {
        let path = try Fixtures.cPack("broken_leaky")
        do {
            try PackConformance.check(path: path)
            Issue.record("broken_leaky passed PackConformance")
        } catch let failure as PackConformance.Failure {
            let names = failure.failed.map(\.name)
            #expect(names == ["indicator 'peeks_ahead' prefix-truncation invariance"]
                    + GoldenMarket.all.map { "indicator 'peeks_ahead' prefix-truncation invariance on \($0)" }, "\(failure)")
            #expect(failure.description.contains("uses future data"))
            #expect(failure.description.contains("invariance on cme-globex-1m: indicator 'peeks_ahead' output 'value' changed at row 689 "))
        }
    }

    @Test func cExamplePassesThroughItsFile() throws {
        try PackConformance.check(path: try Fixtures.cPack("cpack"))
    }
}
