import Indicators
import MarketKit
import PackKit
import Testing
@testable import ZeroEdge

@Suite struct ChainCSVAdapterTests {
    @Test(.enabled(if: AdapterFixtures.exists(AdapterFixtures.leanChains), "needs ../shared/data/options/lean_spy_chains"))
    func leanFolderGivesRowsAndAnEndOfDayNote() throws {
        #expect(chainCSVAdapter.info.outputs == ChainRows.outputSpecs)
        let query: [String: JSON] = ["source": .string(AdapterFixtures.leanChains), "start": .string("2023-12-28"), "end": .string("2024-01-09")]
        let frame = try AdapterFixtures.run(chainCSVAdapter, query, seed: nil)
        #expect(frame.columnNames == ChainRows.columns)
        #expect(frame.rowCount == 24 + 16 + 20 + 23 + 38 + 21 + 22 + 25 - 8 * 2)  // minus header and underlying rows
        let spot = try frame.float64("spot"), ts = try frame.timestamps()
        #expect(spot[0] == 476.69 && ts[0] == AdapterFixtures.newYork("2023-12-28", 16, 0))
        let output = try ChainCSVAdapter.load(AdapterQuery(.object(query), defaultDataset: "chain"))
        #expect(output.warnings.count == 1)
        #expect(output.warnings.first?.contains("only end-of-day snapshots (16:00) on 2023-12-28, 2023-12-29, 2024-01-02") == true)
    }

    @Test(.enabled(if: AdapterFixtures.exists(AdapterFixtures.spxwChains), "needs ../shared/data/options/SPXW_eod_chains_2018.csv"))
    func vendorFileLimitedToTheRange() throws {
        let frame = try AdapterFixtures.run(chainCSVAdapter, ["source": .string(AdapterFixtures.spxwChains),
                                                              "start": .string("2018-01-31"), "end": .string("2018-01-31")], seed: nil)
        #expect(frame.rowCount == 386)
        let expiry = try frame.timestamps("expiry")
        #expect(expiry.allSatisfy { $0 == AdapterFixtures.newYork("2018-01-31", 16, 0) })
        let outside = #expect(throws: ComponentError.self) {
            try AdapterFixtures.run(chainCSVAdapter, ["source": .string(AdapterFixtures.spxwChains), "start": .string("2019-01-02"), "end": .string("2019-01-03")])
        }
        #expect(outside?.message.hasSuffix("no chain snapshots between 2019-01-02 and 2019-01-03; it covers 2018-01-02..2018-02-28") == true)
        let market = #expect(throws: ComponentError.self) {
            try AdapterFixtures.run(chainCSVAdapter, ["source": .string(AdapterFixtures.spxwChains), "start": .string("2018-01-31"),
                                                      "end": .string("2018-01-31"), "dataset": .string("market")])
        }
        #expect(market?.message == "adapter 'chain-csv' returns chain rows only: query 'dataset' must be \"chain\", got 'market'")
    }
}
