import Indicators
import MarketKit
import PackKit
import Testing
@testable import ZeroEdge

@Suite struct CSVAdapterTests {
    @Test(.enabled(if: AdapterFixtures.exists(AdapterFixtures.spyBars), "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func realBarsCutToTheSessionWithASimulatedChain() throws {
        let query: [String: JSON] = ["source": .string(AdapterFixtures.spyBars), "start": .string("2024-07-01"), "end": .string("2024-07-03")]
        let frame = try AdapterFixtures.run(csvAdapter, query)
        #expect(frame.columnNames == MarketFrame.outputSpecs.map(\.name))
        #expect(frame.rowCount == 390 + 390 + 210)
        let ts = Array(try frame.timestamps())
        #expect(zip(ts, ts.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ts.first == AdapterFixtures.newYork("2024-07-01", 9, 30) && ts.last == AdapterFixtures.newYork("2024-07-03", 12, 59))
        let atm = try frame.float64(MarketFrame.atmStrike), close = try frame.float64("close")
        for row in try AdapterFixtures.rows(frame, at: 9, 59) { #expect(abs(atm[row] - close[row]) <= 0.5) }
        let output = try CSVAdapter.load(AdapterQuery(.object(query)), seed: 7)
        #expect(output.warnings.contains { $0.hasPrefix("2024-07-03: early close 13:00, ") })
        #expect(output.warnings.contains { $0.hasPrefix("dropped ") })
    }

    @Test(.enabled(if: AdapterFixtures.exists(AdapterFixtures.spyBars), "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func aRangeOutsideTheFileNamesItsSpan() {
        let error = #expect(throws: ComponentError.self) {
            try AdapterFixtures.run(csvAdapter, ["source": .string(AdapterFixtures.spyBars), "start": .string("2023-01-03"), "end": .string("2023-01-05")])
        }
        #expect(error?.message == "\(AdapterFixtures.spyBars): no bars between 2023-01-03..2023-01-05; the file covers 2024-03-26..2024-12-31")
    }

    @Test func malformedFilesAndMissingSource() throws {
        let path = try AdapterFixtures.temporaryFile("bars.csv", "ts,open,high,low,close,volume\n2024-07-01T13:30:00Z,1,2,0.5,1.5,100\n2024-07-01T13:31:00Z,1,2,0.5,oops,100\n")
        let error = #expect(throws: ComponentError.self) {
            try AdapterFixtures.run(csvAdapter, ["source": .string(path), "start": .string("2024-07-01"), "end": .string("2024-07-01")])
        }
        #expect(error?.message == "\(path):3: bad number 'oops' in column 'close'")
        let missing = #expect(throws: ComponentError.self) { try AdapterFixtures.run(csvAdapter, ["start": .string("2024-07-01"), "end": .string("2024-07-01")]) }
        #expect(missing?.message == "adapter 'csv' needs query 'source' (a file or folder path)")
    }

    /// Bars of a session the Lean chains cover (2023-12-28): its chain is end-of-day only.
    @Test(.enabled(if: AdapterFixtures.exists(AdapterFixtures.leanChains), "needs ../shared/data/options/lean_spy_chains"))
    func fileChainsWithoutIntradaySnapshotsAreReported() throws {
        var text = "ts,open,high,low,close,volume\n"
        let open = AdapterFixtures.newYork("2023-12-28", 9, 30) / 1_000_000_000
        for minute in 0..<390 {
            let seconds = open + Int64(minute) * 60, d = MarketDate.format(Int32(seconds / 86_400))
            let s = seconds % 86_400
            text += "\(d)T\(pad(s / 3600)):\(pad(s % 3600 / 60)):00Z,476.5,476.6,476.4,476.5,1000\n"
        }
        let path = try AdapterFixtures.temporaryFile("bars.csv", text)
        let query: [String: JSON] = ["source": .string(path), "start": .string("2023-12-28"), "end": .string("2023-12-28"),
                                     "chain": .string(AdapterFixtures.leanChains)]
        let output = try CSVAdapter.load(AdapterQuery(.object(query)), seed: 7)
        #expect(output.frame.rowCount == 390)
        #expect(output.warnings == ["2023-12-28: chain has only an end-of-day snapshot (16:00); no intraday chain — chain features are NaN"])
        #expect(try output.frame.float64(MarketFrame.atmIV).allSatisfy(\.isNaN))
    }

    func pad(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
