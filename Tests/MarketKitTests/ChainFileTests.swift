import Indicators
import MarketKit
import PackKit
import Testing

@Suite struct ChainFileTests {
    @Test(.enabled(if: SharedData.exists(SharedData.spxwChains), "needs ../shared/data/options/SPXW_eod_chains_2018.csv"))
    func readsTheVendorEODFile() throws {
        let snapshots = try ChainFile.read(path: SharedData.spxwChains)
        let dates = Set(snapshots.map { newYorkDate($0.ts) })
        #expect(dates.count == 40)
        #expect(snapshots.count == 40)  // one expiry per quote date in this file
        #expect(snapshots.reduce(0) { $0 + $1.quotes.count } == 14_438)
        let sameDay = snapshots.filter { $0.expiry == newYorkDate($0.ts) }.map { MarketDate.format($0.expiry) }
        #expect(sameDay == ["2018-01-31", "2018-02-28"])
        let first = snapshots[0]
        #expect(first.ts == newYork("2018-01-02", 16, 0))
        #expect(first.spot == 2695.79 && first.expiry == day("2018-01-31"))
        // SPXW,2695.79,W,SPXW180131C01200000,,call,01/31/2018,01/02/2018,1200,1395.46,1483.6,1503.2,0,6007,0.0908,1.0,0.0,-15.7555,0.0
        #expect(first.quotes[0] == OptionQuote(right: .call, strike: 1200, bid: 1483.6, ask: 1503.2, iv: 0.0908, delta: 1,
                                               gamma: 0, theta: -15.7555, vega: 0, openInterest: 6007, volume: 0))
        #expect(zip(snapshots, snapshots.dropFirst()).allSatisfy { $0.ts < $1.ts })
    }

    @Test(.enabled(if: SharedData.exists(SharedData.leanChains), "needs ../shared/data/options/lean_spy_chains"))
    func readsTheLeanFolder() throws {
        let snapshots = try ChainFile.read(path: SharedData.leanChains)
        let dates = Set(snapshots.map { MarketDate.format(newYorkDate($0.ts)) })
        #expect(dates.count == 8)
        let first = snapshots.filter { newYorkDate($0.ts) == day("2023-12-28") }
        #expect(first.allSatisfy { $0.spot == 476.69 && $0.ts == newYork("2023-12-28", 16, 0) })
        #expect(Set(first.map(\.expiry)) == [day("2023-12-29"), day("2024-01-05"), day("2024-01-19")])
        #expect(first.reduce(0) { $0 + $1.quotes.count } == 22)
        // 20231229,270,C,…,volume 46, open interest 47, iv 0.0000001, delta 1: Lean has no bid/ask.
        let q = try #require(first.first?.quotes.first)
        #expect(q.strike == 270 && q.right == .call && q.openInterest == 47 && q.volume == 46 && q.bid.isNaN)
    }

    @Test func errorsNameFileAndLine() throws {
        let folder = try SharedData.temporaryFolder()
        let vendor = folder + "/chain.csv"
        try SharedData.write("quotedate,expiration,type,strike,bid,ask,openinterest,impliedvol,delta,gamma,theta,vega,underlying_last\n"
            + "01/02/2018,01/31/2018,call,2700,10,11,5,0.1,0.5,0.001,-100,300,2695\n"
            + "01/02/2018,01/31/2018,cal,2700,10,11,5,0.1,0.5,0.001,-100,300,2695\n", to: vendor)
        let e1 = #expect(throws: ComponentError.self) { try ChainFile.read(path: vendor) }
        #expect(e1?.message == "\(vendor):3: bad option right 'cal' in column 'type' (expected call/put or C/P)")
        let lean = folder + "/20240102.csv"
        try SharedData.write("#expiry,strike,right,open,high,low,close,volume,open_interest,implied_volatility,delta,gamma,vega,theta,rho\n"
            + ",,,1,2,0.5,1.5,100,,,,,,,\n20240102,470,C,1,1,1,1,5,6,0.1,0.5,0.01,0.2,-0.3,0\n2024010,470,P,1,1,1,1,5,6,0.1,0.5,0.01,0.2,-0.3,0\n",
            to: lean)
        let e2 = #expect(throws: ComponentError.self) { try ChainFile.read(path: lean) }
        #expect(e2?.message.hasPrefix("\(lean):4: bad date '2024010'") == true)
    }

    /// A fuzzed quote date in 2424 (past Int64 nanoseconds) trapped: Fuzz/regressions/chain-spxw-csv/year-2424.csv.
    @Test func datesOutsideNanosecondYearsAreRefused() throws {
        let vendor = try SharedData.temporaryFolder() + "/chain.csv"
        try SharedData.write("quotedate,expiration,type,strike,bid,ask,openinterest,impliedvol,delta,gamma,theta,vega,underlying_last\n"
            + "07/01/2424,07/03/2024,call,5500,12.5,13.0,100,0.12,0.5,0.01,-2.1,1.5,5490.2\n", to: vendor)
        let error = #expect(throws: ComponentError.self) { try ChainFile.read(path: vendor) }
        #expect(error?.message == "\(vendor):2: date '07/01/2424' in column 'quotedate' is outside the years 1678–2261")
        let lean = try SharedData.temporaryFolder() + "/24240102.csv"
        try SharedData.write("#expiry,strike,right,open,high,low,close,volume,open_interest,implied_volatility,delta,gamma,vega,theta,rho\n", to: lean)
        #expect(throws: ComponentError.self) { try ChainFile.read(path: lean) }
    }
}
