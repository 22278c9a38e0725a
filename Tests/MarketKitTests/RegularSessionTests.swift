import Indicators
import MarketKit
import PackKit
import Testing

@Suite struct RegularSessionTests {
    @Test(.enabled(if: SharedData.exists(SharedData.spyBars), "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func realFileKeepsTheRegularSession() throws {
        let raw = try MinuteBarsFile.read(path: SharedData.spyBars)
        let (bars, report) = try RegularSession.filter(raw)
        var perDay: [Int32: Int] = [:]
        for t in try bars.timestamps() { perDay[newYorkDate(t), default: 0] += 1 }
        for date in ["2024-07-03", "2024-12-24", "2024-11-29"] {
            #expect(perDay[day(date)] == 210, "\(date)")
        }
        #expect(perDay[day("2024-07-01")] == 390)
        #expect(perDay[day("2024-07-02")] == 390)
        let july3 = try bars.timestamps().filter { newYorkDate($0) == day("2024-07-03") }
        #expect(july3.first == newYork("2024-07-03", 9, 30) && july3.last == newYork("2024-07-03", 12, 59))
        // Counted independently (Python, zoneinfo): 194 sessions, 75,120 bars inside them, 587
        // outside (16:00 bars and extended hours), no session minute missing.
        #expect(perDay.count == 194 && bars.rowCount == 75_120)
        #expect(report.droppedOutsideSession == 587 && report.droppedNonSessionDays == 0)
        #expect(report.missingMinutes.isEmpty)
        #expect(report.messages.contains { $0.hasPrefix("2024-07-03: early close 13:00, ") })
        // Every kept day is a session and no kept day has more bars than its session's minutes.
        for (d, n) in perDay { #expect(n <= NYSECalendar.session(on: d)?.minutes ?? 0) }
    }

    @Test func reportsHolesAndDrops() throws {
        let minute: Int64 = 60_000_000_000
        // 2024-07-01: 09:20 (pre-market), the session with 10:00–10:02 missing, 16:00 (after the close);
        // 2024-07-04 (holiday): one bar.
        var ts = [newYork("2024-07-01", 9, 20)]
        ts += (0..<390).filter { !(30...32).contains($0) }.map { newYork("2024-07-01", 9, 30) + Int64($0) * minute }
        ts += [newYork("2024-07-01", 16, 0), newYork("2024-07-04", 10, 0)]
        let ones = [Double](repeating: 1, count: ts.count)
        let frame = try Frame([.timestamp("ts", ts)] + ["open", "high", "low", "close", "volume"].map { Column.float64($0, ones) })
        let (bars, report) = try RegularSession.filter(frame)
        #expect(bars.rowCount == 387)
        #expect(report.missingMinutes == [day("2024-07-01"): 3])
        #expect(report.droppedOutsideSession == 2)
        #expect(report.droppedNonSessionDays == 1)
        #expect(report.messages.contains("2024-07-01: 3 of 390 session minutes have no bar"))
        #expect(report.messages.contains { $0.contains("2024-07-04 (Independence Day)") })
    }
}
