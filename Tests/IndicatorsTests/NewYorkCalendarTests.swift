import Foundation
import Indicators
import Testing

@Suite("New York calendar")
struct NewYorkCalendarTests {
    func day(_ year: Int64, _ month: Int64, _ day: Int64) -> Int32 {
        Int32(NewYorkCalendar.days(year: year, month: month, day: day))
    }

    func at(_ iso: String) throws -> Int64 { try #require(parseInstant(iso), "bad instant \(iso)") }

    @Test func civilDateRoundTrip() {
        #expect(NewYorkCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(NewYorkCalendar.days(year: 2024, month: 3, day: 10) == 19_792)
        #expect(NewYorkCalendar.days(year: 1969, month: 12, day: 31) == -1)
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, d) = NewYorkCalendar.civil(days: days)
            #expect(NewYorkCalendar.days(year: y, month: m, day: d) == days)
        }
    }

    @Test("spring forward, 2024-03-10 (clocks jump 02:00 EST → 03:00 EDT)")
    func springForward() throws {
        #expect(newYorkDate(try at("2024-03-10T04:59:59Z")) == day(2024, 3, 9))  // 23:59:59 EST
        #expect(newYorkDate(try at("2024-03-10T05:00:00Z")) == day(2024, 3, 10))  // 00:00 EST
        #expect(newYorkDate(try at("2024-03-10T06:59:59Z")) == day(2024, 3, 10))  // 01:59:59 EST
        #expect(newYorkDate(try at("2024-03-10T07:00:00Z")) == day(2024, 3, 10))  // 03:00 EDT
        #expect(newYorkDate(try at("2024-03-11T03:59:59Z")) == day(2024, 3, 10))  // 23:59:59 EDT
        #expect(newYorkDate(try at("2024-03-11T04:00:00Z")) == day(2024, 3, 11))  // 00:00 EDT
        #expect(NewYorkCalendar.utcOffset(nanoseconds: try at("2024-03-10T06:59:59Z")) == -18_000)
        #expect(NewYorkCalendar.utcOffset(nanoseconds: try at("2024-03-10T07:00:00Z")) == -14_400)
    }

    @Test("fall back, 2024-11-03 (clocks return 02:00 EDT → 01:00 EST)")
    func fallBack() throws {
        #expect(newYorkDate(try at("2024-11-03T03:59:59Z")) == day(2024, 11, 2))  // 23:59:59 EDT
        #expect(newYorkDate(try at("2024-11-03T04:00:00Z")) == day(2024, 11, 3))  // 00:00 EDT
        #expect(newYorkDate(try at("2024-11-03T05:59:59Z")) == day(2024, 11, 3))  // 01:59:59 EDT
        #expect(newYorkDate(try at("2024-11-03T06:00:00Z")) == day(2024, 11, 3))  // 01:00 EST
        #expect(newYorkDate(try at("2024-11-04T04:59:59Z")) == day(2024, 11, 3))  // 23:59:59 EST
        #expect(newYorkDate(try at("2024-11-04T05:00:00Z")) == day(2024, 11, 4))  // 00:00 EST
        #expect(NewYorkCalendar.utcOffset(nanoseconds: try at("2024-11-03T05:59:59Z")) == -14_400)
        #expect(NewYorkCalendar.utcOffset(nanoseconds: try at("2024-11-03T06:00:00Z")) == -18_000)
    }

    @Test func dayRangesAreContiguousAndLastTwentyThreeOrTwentyFiveHours() {
        let hour: Int64 = 3_600_000_000_000
        for d in day(2024, 1, 1)...day(2024, 12, 31) {
            let range = NewYorkCalendar.nanosecondRange(ofDay: d)
            #expect(newYorkDate(range.lowerBound) == d)
            #expect(newYorkDate(range.lowerBound - 1) == d - 1)
            #expect(newYorkDate(range.upperBound - 1) == d)
            #expect(range.upperBound == NewYorkCalendar.nanosecondRange(ofDay: d + 1).lowerBound)
            let expected = d == day(2024, 3, 10) ? 23 * hour : d == day(2024, 11, 3) ? 25 * hour : 24 * hour
            #expect(range.count == Int(expected), "day \(NewYorkCalendar.civil(days: Int64(d)))")
        }
    }

    @Test("agrees with the tz database hourly from 2007 to 2037")
    func agreesWithFoundationTimeZone() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = NewYorkCalendar.days(year: 2007, month: 1, day: 1) * 86_400
        let end = NewYorkCalendar.days(year: 2038, month: 1, day: 1) * 86_400
        var mismatches: [Int64] = []
        for seconds in stride(from: start, to: end, by: 3_600) {
            for probe in [seconds - 1, seconds] {
                let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(probe)))
                let expected = NewYorkCalendar.days(year: Int64(parts.year!), month: Int64(parts.month!), day: Int64(parts.day!))
                if Int64(newYorkDate(probe * 1_000_000_000)) != expected { mismatches.append(probe) }
            }
        }
        #expect(mismatches.isEmpty, "first mismatches (UTC seconds): \(mismatches.prefix(5))")
    }

    @Test func negativeAndExtremeInstantsDoNotCrash() {
        #expect(newYorkDate(-1) == -1)  // 1969-12-31 19:00 EST
        _ = newYorkDate(.min)
        _ = newYorkDate(.max)
        _ = NewYorkCalendar.nanosecondRange(ofDay: newYorkDate(.max))
        _ = NewYorkCalendar.nanosecondRange(ofDay: newYorkDate(.min))
    }
}
