import PackKit
import PackTestKit
import Testing

/// Golden bars fall where each market trades, in UTC, with DST from Foundation.
@Suite struct GoldenBarsTests {
    static let minute: Int64 = 60_000_000_000

    @Test func newYorkRegularHours() throws {
        let ts = try GoldenBars.frame(.newYorkRTH).timestamps()
        #expect(ts.count == 3 * 390)
        // 2024-07-01 09:30 EDT = 13:30 UTC; the last bar opens 15:59 EDT on Wednesday 07-03.
        #expect(ts[0] == 1_719_840_600 * 1_000_000_000)
        #expect(ts[ts.count - 1] == (1_719_964_800 + 19 * 3_600 + 59 * 60) * 1_000_000_000)
        // In January the same 09:30 is 14:30 UTC.
        let winter = try GoldenBars.frame(.newYorkRTH, sessions: 1, start: "2024-01-02").timestamps()
        #expect(winter[0] == 1_704_205_800 * 1_000_000_000)
    }

    @Test func utcEveryDayKeepsAll288Bars() throws {
        let ts = try GoldenBars.frame(.utc24x7).timestamps()
        #expect(ts.count == 3 * 288)
        #expect(ts[0] == 1_720_224_000 * 1_000_000_000)  // Saturday 2024-07-06 00:00 UTC
        #expect((1..<ts.count).allSatisfy { ts[$0] - ts[$0 - 1] == 5 * Self.minute })
    }

    @Test func cmeGlobexSundayToFridayWithTheDailyBreak() throws {
        let ts = try GoldenBars.frame(.cmeGlobex, sessions: 5).timestamps()
        #expect(ts.count == 5 * 23 * 60)
        // Sunday 2024-07-07 17:00 CDT = 22:00 UTC; Friday 07-12 15:59 CDT = 20:59 UTC.
        #expect(ts[0] == 1_720_389_600 * 1_000_000_000)
        #expect(ts[ts.count - 1] == (1_720_742_400 + 20 * 3_600 + 59 * 60) * 1_000_000_000)
        // Four one-hour breaks (16:00–17:00 CT, 21:00–22:00 UTC in July); every other step is one bar.
        let gaps = (1..<ts.count).map { ts[$0] - ts[$0 - 1] }.filter { $0 != Self.minute }
        #expect(gaps == [Int64](repeating: 61 * Self.minute, count: 4))
        let hoursUTC = Set((0..<ts.count).map { (ts[$0] / 3_600_000_000_000) % 24 })
        #expect(!hoursUTC.contains(21))
        // In January Chicago is UTC-6: Sunday 2024-01-07 17:00 CST = 23:00 UTC.
        let winter = try GoldenBars.frame(.cmeGlobex, sessions: 1, start: "2024-01-08").timestamps()
        #expect(winter[0] == 1_704_668_400 * 1_000_000_000)
    }

    @Test func sameArgumentsSameBytes() throws {
        let a = try GoldenBars.frame(.cmeGlobex, seed: 3, extraColumns: ["iv"])
        let b = try GoldenBars.frame(.cmeGlobex, seed: 3, extraColumns: ["iv"])
        #expect(Array(try a.timestamps()) == Array(try b.timestamps()))
        for name in ["open", "high", "low", "close", "volume", "iv"] {
            #expect(Array(try a.float64(name)) == Array(try b.float64(name)), "\(name)")
        }
        #expect(try a.float64("iv").count == a.rowCount)
        let c = try GoldenBars.frame(.cmeGlobex, seed: 4)
        #expect(try a.float64("close")[100] != c.float64("close")[100])
        let (high, low, open, close) = (try a.float64("high"), try a.float64("low"), try a.float64("open"), try a.float64("close"))
        #expect((0..<a.rowCount).allSatisfy { high[$0] >= max(open[$0], close[$0]) && low[$0] <= min(open[$0], close[$0]) })
    }

    @Test func badStartIsNamed() {
        #expect(throws: GoldenFrameError.self) { try GoldenBars.frame(.newYorkRTH, start: "July 1st") }
        var market = GoldenMarket.utc24x7
        market.timeZone = "Mars/Olympus"
        #expect { try GoldenBars.frame(market) } throws: { "\($0)".contains("Mars/Olympus") }
    }
}
