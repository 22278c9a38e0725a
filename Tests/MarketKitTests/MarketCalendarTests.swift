import Foundation
import MarketKit
import Testing

/// Known answers for the three shipped calendars, around the 2024 daylight-saving switches
/// (US: March 10 and November 3, at 02:00 local, in New York and Chicago alike).
@Suite struct MarketCalendarTests {
    static let nyse = Market.nyse
    static let cme = try! Market(timeZone: "America/Chicago", calendar: "cme-globex", barNanoseconds: 60_000_000_000)
    static let crypto = try! Market(timeZone: "UTC", calendar: "24x7", barNanoseconds: 300_000_000_000)

    func day(_ text: String) -> Int32 { MarketDate.parse(text)! }

    func utc(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970) * 1_000_000_000
    }

    @Test func nyseEarlyCloseAndHolidays() throws {
        let cal = Self.nyse.calendar
        let july3 = try #require(cal.session(on: day("2024-07-03")))
        #expect(july3.open == utc("2024-07-03T13:30:00Z"))
        #expect(july3.close == utc("2024-07-03T17:00:00Z"))  // 13:00 EDT
        #expect(july3.isEarlyClose)
        let blackFriday = try #require(cal.session(on: day("2024-11-29")))
        #expect(blackFriday.close == utc("2024-11-29T18:00:00Z"))  // 13:00 EST
        #expect(cal.session(on: day("2024-07-04")) == nil)
        #expect(cal.sessions(from: day("2024-01-01"), through: day("2024-12-31")).count == 252)
    }

    @Test func newYorkDSTSwitchDays() {
        let cal = Self.nyse.calendar
        // The trading day is the New York date: 23 hours on March 10, 25 on November 3.
        let spring = cal.dayRange(day("2024-03-10")), fall = cal.dayRange(day("2024-11-03"))
        #expect(spring.lowerBound == utc("2024-03-10T05:00:00Z") && spring.upperBound == utc("2024-03-11T04:00:00Z"))
        #expect(fall.lowerBound == utc("2024-11-03T04:00:00Z") && fall.upperBound == utc("2024-11-04T05:00:00Z"))
        #expect(Self.nyse.hour(utc("2024-03-08T14:30:00Z")) == 9)  // EST
        #expect(Self.nyse.hour(utc("2024-03-11T13:30:00Z")) == 9)  // EDT
        #expect(cal.session(on: day("2024-03-11"))?.open == utc("2024-03-11T13:30:00Z"))
        #expect(Self.nyse.day(utc("2024-03-11T03:59:00Z")) == day("2024-03-10"))
    }

    @Test func cmeSessionsCloseOnTheirDateAcrossChicagoDST() throws {
        let cal = Self.cme.calendar
        // Monday March 11: opens Sunday 17:00 CDT (after the 02:00 switch), closes 16:00 CDT.
        let monday = try #require(cal.session(on: day("2024-03-11")))
        #expect(monday.open == utc("2024-03-10T22:00:00Z") && monday.close == utc("2024-03-11T21:00:00Z"))
        // Friday March 8, still CST: Thursday 17:00 → Friday 16:00.
        let friday = try #require(cal.session(on: day("2024-03-08")))
        #expect(friday.open == utc("2024-03-07T23:00:00Z") && friday.close == utc("2024-03-08T22:00:00Z"))
        // Monday November 4: opens Sunday 17:00 CST, the day the clocks went back.
        #expect(cal.session(on: day("2024-11-04"))?.open == utc("2024-11-03T23:00:00Z"))
        #expect(cal.session(on: day("2024-03-09")) == nil && cal.session(on: day("2024-03-10")) == nil)
        // The day changes at 17:00 Chicago: Sunday 17:00 is Monday's, 16:59 still Sunday's.
        #expect(Self.cme.day(utc("2024-03-10T22:00:00Z")) == day("2024-03-11"))
        #expect(Self.cme.day(utc("2024-03-10T21:59:00Z")) == day("2024-03-10"))
        #expect(cal.dayRange(day("2024-03-11")) == utc("2024-03-10T22:00:00Z")..<utc("2024-03-11T22:00:00Z"))
        // The daily break: 16:30 CDT Monday is Monday's day but in no session.
        #expect(Self.cme.day(utc("2024-03-11T21:30:00Z")) == day("2024-03-11"))
        #expect(cal.session(containing: utc("2024-03-11T21:30:00Z")) == nil)
        #expect(cal.session(containing: utc("2024-03-11T22:05:00Z"))?.day == day("2024-03-12"))
        #expect(Self.cme.hour(utc("2024-03-11T14:30:00Z")) == 9)
    }

    @Test func cmeHolidays() throws {
        let cal = Self.cme.calendar
        #expect(cal.session(on: day("2024-12-25")) == nil)  // Christmas
        #expect(cal.session(on: day("2024-03-29")) == nil)  // Good Friday
        #expect(cal.session(on: day("2024-01-01")) == nil)  // New Year's Day
        let mlk = try #require(cal.session(on: day("2024-01-15")))
        #expect(mlk.isEarlyClose && mlk.close == utc("2024-01-15T18:00:00Z"))  // halt 12:00 CST
        let eve = try #require(cal.session(on: day("2024-12-24")))
        #expect(eve.close == utc("2024-12-24T18:15:00Z"))  // 12:15 CST
    }

    @Test func allDaysInUTC() throws {
        let cal = Self.crypto.calendar
        let saturday = try #require(cal.session(on: day("2024-03-09")))
        #expect(saturday.open == utc("2024-03-09T00:00:00Z") && saturday.close == utc("2024-03-10T00:00:00Z"))
        // Every five-minute bar of a UTC day, the 288th included, is that day's.
        let start = utc("2024-03-10T00:00:00Z")
        let days = Set((0..<288).map { Self.crypto.day(start + Int64($0) * 300_000_000_000) })
        #expect(days == [day("2024-03-10")])
        #expect(Self.crypto.day(start + 288 * 300_000_000_000) == day("2024-03-11"))
        #expect(Self.crypto.hour(utc("2024-03-10T23:55:00Z")) == 23)
        #expect(Self.crypto.barsPerSession == 288 && Self.crypto.tradingDaysPerWeek == 7)
        #expect(Self.nyse.barsPerSession == 390 && Self.nyse.tradingDaysPerWeek == 5)
    }

    @Test func zoneInstantsAroundSwitches() throws {
        let chicago = try #require(ZoneClock(identifier: "America/Chicago"))
        // 02:30 on March 10 does not exist in Chicago: the instant an hour later (03:30 CDT).
        #expect(chicago.instant(day: day("2024-03-10"), minute: 150) == utc("2024-03-10T08:30:00Z"))
        // 01:30 on November 3 happens twice: the first (CDT).
        #expect(chicago.instant(day: day("2024-11-03"), minute: 90) == utc("2024-11-03T06:30:00Z"))
        #expect(chicago.offsetSeconds(nanoseconds: utc("2024-07-01T12:00:00Z")) == -5 * 3600)
        #expect(chicago.offsetSeconds(nanoseconds: utc("2024-01-01T12:00:00Z")) == -6 * 3600)
    }

    @Test func declarationsRoundTripAndBadOnesAreNamed() throws {
        #expect(try Market(json: Self.cme.json) == Self.cme)
        #expect(try Market(json: nil) == .nyse)
        let custom = try Market(timeZone: "Europe/London", calendar: "custom", barNanoseconds: 60_000_000_000,
                                windows: [SessionWindow(openMinute: 8 * 60, closeMinute: 16 * 60 + 30, weekdays: SessionWindow.mondayToFriday)])
        #expect(try Market(json: custom.json) == custom)
        #expect(custom.calendar.session(on: day("2024-07-01"))?.open == utc("2024-07-01T07:00:00Z"))  // 08:00 BST
        #expect(custom.calendar.session(on: day("2024-07-06")) == nil)  // Saturday
        #expect(throws: Market.Invalid.self) { try Market(timeZone: "Mars/Olympus", calendar: "nyse") }
        #expect(throws: Market.Invalid.self) { try Market(timeZone: "UTC", calendar: "lse") }
        #expect(throws: Market.Invalid.self) { try Market(timeZone: "UTC", calendar: "custom") }
    }
}
