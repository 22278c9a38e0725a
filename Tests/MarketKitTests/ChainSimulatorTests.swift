import Indicators
import MarketKit
import PackKit
import Testing

@Suite struct ChainSimulatorTests {
    static let bars = Result { try BarSimulator(seed: 3).bars(from: day("2024-07-01"), through: day("2024-07-05")) }

    @Test func snapshotsCoverEachSessionEveryFiveMinutes() throws {
        let snapshots = try ChainSimulator(seed: 3).snapshots(for: try Self.bars.get())
        var perDay: [Int32: [ChainSnapshot]] = [:]
        for s in snapshots { perDay[newYorkDate(s.ts), default: []].append(s) }
        #expect(perDay[day("2024-07-01")]?.count == 79)
        #expect(perDay[day("2024-07-03")]?.count == 43)  // 09:30…13:00
        #expect(perDay[day("2024-07-04")] == nil)
        let first = try #require(perDay[day("2024-07-01")]?.first)
        #expect(first.ts == newYork("2024-07-01", 9, 30) && first.expiry == day("2024-07-01"))
        #expect(first.spot == (try Self.bars.get().float64("open"))[0])
        #expect(perDay[day("2024-07-03")]?.last?.ts == newYork("2024-07-03", 13, 0))
        for s in snapshots {
            #expect(s.quotes.count == 102)
            let strikes = Set(s.quotes.map(\.strike))
            #expect(strikes.count == 51 && strikes.contains(s.spot.rounded()))
        }
    }

    @Test func quotesArePricedAndSpreadLikeAMarket() throws {
        let snapshots = try ChainSimulator(seed: 3).snapshots(for: try Self.bars.get())
        for s in snapshots {
            let years = ChainSimulator.tradingYears(session: NYSECalendar.session(on: s.expiry)!, at: s.ts)
            for q in s.quotes {
                #expect(q.bid >= 0 && q.ask >= q.bid + 0.01 - 1e-9 && isCents(q.ask) && isCents(q.bid))
                let g = BlackScholes.greeks(q.right, spot: s.spot, strike: q.strike, years: years, vol: q.iv, rate: 0.045, dividend: 0.013)
                #expect(g.price >= q.bid - 1e-9 && g.price <= q.ask + 1e-9 && abs(g.delta - q.delta) < 1e-12)
                #expect(q.iv > 0.05 && q.iv < 1.5 && q.openInterest >= 0)
            }
        }
    }

    /// The clock the labeler prices a session's decisions on (a full session's shape built once
    /// a process) gives `tradingYears(session:at:)`'s numbers bit for bit, on a full and a half day.
    @Test func tradingYearsClockIsTradingYearsBitForBit() throws {
        for date in ["2024-07-01", "2024-07-03", "2024-07-01"] {
            let session = try #require(NYSECalendar.session(on: day(date)))
            let clock = ChainSimulator.tradingYearsClock(session: session)
            let minutes = Array(stride(from: session.open, through: session.close, by: 60_000_000_000))
            #expect(minutes.count == (date == "2024-07-03" ? 211 : 391))
            let off = minutes.filter { clock($0).bitPattern != ChainSimulator.tradingYears(session: session, at: $0).bitPattern }
            #expect(off.isEmpty, "\(date): \(off.count) minutes differ")
        }
    }

    @Test func sameSeedSameSnapshotsOtherSeedOtherSnapshots() throws {
        let bars = try Self.bars.get()
        let a = try ChainSimulator(seed: 11).snapshots(for: bars)
        let b = try ChainSimulator(seed: 11).snapshots(for: bars)
        let c = try ChainSimulator(seed: 12).snapshots(for: bars)
        #expect(a == b)
        #expect(a.map(\.quotes) != c.map(\.quotes))
        #expect(a.map(\.ts) == c.map(\.ts) && a.map(\.spot) == c.map(\.spot))
    }

    @Test func openInterestConcentratesAtRoundStrikes() throws {
        let snapshots = try ChainSimulator(seed: 3).snapshots(for: try Self.bars.get())
        var sums = [0.0, 0, 0], counts = [0.0, 0, 0]
        for s in snapshots where s.ts == NYSECalendar.session(on: s.expiry)!.open {
            for q in s.quotes where abs(q.strike - s.spot) <= 10 {
                let k = Int(q.strike), kind = k % 10 == 0 ? 2 : k % 5 == 0 ? 1 : 0
                sums[kind] += q.openInterest
                counts[kind] += 1
            }
        }
        let mean = (0..<3).map { sums[$0] / counts[$0] }
        #expect(mean[1] > 1.8 * mean[0] && mean[2] > 1.3 * mean[1], "\(mean)")
    }

    @Test func putsAreRicherBelowSpot() throws {
        let snapshots = try ChainSimulator(seed: 3).snapshots(for: try Self.bars.get())
        for s in snapshots {
            let atm = s.spot.rounded()
            for distance in [3.0, 8.0, 15.0] {
                let put = try #require(s.quotes.first { $0.right == .put && $0.strike == atm - distance })
                let call = try #require(s.quotes.first { $0.right == .call && $0.strike == atm + distance })
                #expect(put.iv > call.iv)
            }
        }
    }

    @Test func neverUsesABarThatEndsAfterTheSnapshot() throws {
        let bars = try Self.bars.get()
        let ts = try bars.timestamps()
        // Change every bar of 2024-07-02 from 11:00 on: snapshots up to 11:00 (which use bars
        // ending by 11:00) must not move; the next one must.
        let cut = newYork("2024-07-02", 11, 0)
        let changed = try Frame(bars.columns.map { column in
            guard column.name == "close" || column.name == "open" else { return column }
            let values = try bars.float64(column.name)
            return Column.float64(column.name, (0..<bars.rowCount).map { ts[$0] >= cut && newYorkDate(ts[$0]) == day("2024-07-02") ? values[$0] * 1.01 : values[$0] })
        })
        let before = try ChainSimulator(seed: 5).snapshots(for: bars)
        let after = try ChainSimulator(seed: 5).snapshots(for: changed)
        for (a, b) in zip(before, after) where a.ts <= cut || newYorkDate(a.ts) != day("2024-07-02") {
            #expect(a == b)
        }
        let next = try #require(zip(before, after).first { $0.0.ts == cut + 5 * 60_000_000_000 })
        #expect(next.0.spot != next.1.spot)
    }
}

@Suite struct ChainSimulatorInputTests {
    /// A NaN, a huge or a non-positive close once trapped when the strike was rounded to an Int.
    @Test(arguments: [Double.nan, Double.infinity, 1e19, 1e300, 0, -5])
    func refusesPricesItCannotQuote(bad: Double) throws {
        let bars = try ChainSimulatorTests.bars.get()
        let closes = try bars.float64("close")
        let broken = try Frame(bars.columns.map { column in
            column.name == "close" ? Column.float64("close", (0..<bars.rowCount).map { $0 == 100 ? bad : closes[$0] }) : column
        })
        let error = #expect(throws: ComponentError.self) { try ChainSimulator(seed: 3).snapshots(for: broken) }
        #expect(error.map { "\($0)".contains("bar 100") && "\($0)".contains("close") } == true)
    }
}
