import MarketKit
@testable import ES0DTE
import PackKit
import Testing

/// The stages on small simulated and hand-made inputs.
struct StageTests {
    static let newYork = try! SessionClock.newYork()

    @Test func sessionClockIsZeroAt0930AcrossDaylightSaving() throws {
        // 2024-03-08 (EST) and 2024-03-11 (EDT): the 09:30 New York bar is 14:30 then 13:30 UTC.
        for (date, utcHour) in [("2024-03-08", 14), ("2024-03-11", 13)] {
            let day = try #require(MarketDate.parse(date))
            let ts = Self.newYork.instant(day: day, minute: SessionClock.rthOpen)
            #expect((ts / 3_600_000_000_000) % 24 == Int64(utcHour) && (ts / 60_000_000_000) % 60 == 30)
            #expect(SessionClock.minutesSinceOpen(Self.newYork.minuteOfDay(nanoseconds: ts)) == 0)
        }
    }

    @Test func contractsRollEightDaysBeforeExpiry() throws {
        #expect(Contracts.expiry(year: 2024, month: 3) == MarketDate.parse("2024-03-15"))
        #expect(Contracts.frontAndBack(on: MarketDate.parse("2024-03-06")!) == ("ESH4", "ESM4"))
        #expect(Contracts.frontAndBack(on: MarketDate.parse("2024-03-07")!) == ("ESM4", "ESU4"))
        #expect(Contracts.frontAndBack(on: MarketDate.parse("2024-12-20")!) == ("ESH5", "ESM5"))
    }

    /// Same seed, same bytes; a different seed, different prices; 04:00–16:00 New York.
    @Test func simulatorIsDeterministicPerDay() throws {
        let sim = ESSimulator(seed: 11, effects: true, backHeavyDays: [])
        let a = try sim.sessions(from: MarketDate.parse("2024-03-04")!, through: MarketDate.parse("2024-03-05")!)
        let b = try sim.sessions(from: MarketDate.parse("2024-03-05")!, through: MarketDate.parse("2024-03-05")!)
        #expect(a.count == 2 * 720 && b.count == 720)
        #expect(Array(a.close.suffix(720)) == b.close && Array(a.gex[3].suffix(720)) == b.gex[3])
        #expect(Self.newYork.minuteOfDay(nanoseconds: b.ts[0]) == 4 * 60 && Self.newYork.minuteOfDay(nanoseconds: b.ts[719]) == 15 * 60 + 59)
        let other = try ESSimulator(seed: 12, effects: true, backHeavyDays: []).sessions(from: MarketDate.parse("2024-03-05")!, through: MarketDate.parse("2024-03-05")!)
        #expect(other.close != b.close)
        // Good Friday: Globex closed, no bars.
        #expect(try sim.sessions(from: MarketDate.parse("2024-03-29")!, through: MarketDate.parse("2024-03-29")!).count == 0)
    }

    /// ATR of RTH bars only: changing the premarket changes nothing in it.
    @Test func atrIgnoresThePremarket() {
        var range = RTHRange(period: 3)
        let first = range.add(index: 10, high: 5010, low: 5000, close: 5005) { _ in true }
        #expect(first.atr == 10 && first.premarketBars == 0)
        _ = range.add(index: 11, high: 5012, low: 5006, close: 5011) { _ in true }
        let third = range.add(index: 12, high: 5011, low: 5001, close: 5002) { _ in true }
        #expect(third.atr == (10 + 7 + 10) / 3)
    }

    /// 2-minute closes: the second minute of each bucket; a missing second minute closes the
    /// bucket at the next bar with its first minute's close.
    @Test func twoMinuteSMA() {
        let m: Int64 = 60_000_000_000
        let ts: [Int64] = [0, 1, 2, 3, 4, 6, 7].map { $0 * m }
        let close: [Double] = [1, 2, 3, 4, 5, 7, 8]
        let sma = TwoMinuteBars.sma(ts: ts, close: close, period: 2)
        // closes: 2 (t=1), 4 (t=3), 5 (bucket 4, closed at t=6), 8 (t=7)
        #expect(sma[0].isNaN && sma[1].isNaN && sma[2].isNaN)
        #expect(sma[3] == 3 && sma[4] == 3 && sma[5] == 4.5 && sma[6] == 6.5)
    }

    /// The front month is the premarket's dominant contract; purity its share of the volume.
    @Test func frontMonthFilterAndPurity() throws {
        let day = try #require(MarketDate.parse("2013-10-07"))
        let t = Self.newYork.instant(day: day, minute: 5 * 60)
        let m: Int64 = 60_000_000_000
        let bars = [ContractBar(ts: t, contract: "ESZ3", open: 1, high: 1, low: 1, close: 1, volume: 70),
                    ContractBar(ts: t, contract: "ESH4", open: 1, high: 1, low: 1, close: 1, volume: 20),
                    ContractBar(ts: t + m, contract: "ESZ3", open: 1, high: 1, low: 1, close: 1, volume: 5),
                    ContractBar(ts: t + 2 * m, contract: "ESH4", open: 1, high: 1, low: 1, close: 1, volume: 5)]
        let (kept, total, sessions) = FrontMonth.filter(bars, zone: Self.newYork)
        #expect(kept.map(\.contract) == ["ESZ3", "ESZ3"] && total == [90, 5])
        #expect(sessions.count == 1 && sessions[0].front == "ESZ3" && abs(sessions[0].purity - 0.75) < 1e-12)
    }

    /// Event ids: date, New York decision time, level kind, price; sorted like (ts, key).
    @Test func eventIDs() {
        let id = EventRows.eventID(day: MarketDate.parse("2025-12-16")!, decisionMinute: 9 * 60 + 47, kind: .orHigh, level: 5012.25)
        #expect(id == "2025-12-16T0947-OR_HIGH@5012.25")
        #expect(EventRows.eventID(day: 0, decisionMinute: 600, kind: .orHigh, level: 1) < EventRows.eventID(day: 0, decisionMinute: 600, kind: .pmHigh, level: 1))
    }
}
