import MarketKit
import Testing

@Suite struct NYSECalendarTests {
    @Test func datesRoundTrip() {
        #expect(MarketDate.parse("1970-01-01") == 0)
        #expect(MarketDate.parse("2024-07-01") == 19_905)
        #expect(MarketDate.format(19_905) == "2024-07-01")
        #expect(MarketDate.parse("2024-02-29") != nil)
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-7-01", "2024/07/01", "", "2024-07-01T"] {
            #expect(MarketDate.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func sessionsOf2024() {
        let sessions = NYSECalendar.sessions(from: day("2024-01-01"), through: day("2024-12-31"))
        #expect(sessions.count == 252)
        let holidays = ["2024-01-01": "New Year's Day", "2024-01-15": "Martin Luther King Jr. Day",
                        "2024-02-19": "Washington's Birthday", "2024-03-29": "Good Friday", "2024-05-27": "Memorial Day",
                        "2024-06-19": "Juneteenth", "2024-07-04": "Independence Day", "2024-09-02": "Labor Day",
                        "2024-11-28": "Thanksgiving Day", "2024-12-25": "Christmas Day"]
        for (date, name) in holidays {
            #expect(NYSECalendar.holiday(on: day(date)) == name)
            #expect(NYSECalendar.session(on: day(date)) == nil)
        }
        let early = sessions.filter(\.isEarlyClose).map { MarketDate.format($0.day) }
        #expect(early == ["2024-07-03", "2024-11-29", "2024-12-24"])
        let july3 = NYSECalendar.session(on: day("2024-07-03"))
        #expect(july3?.close == newYork("2024-07-03", 13, 0))
        #expect(july3?.minutes == 210)
        #expect(NYSECalendar.session(on: day("2024-07-06")) == nil)  // Saturday
    }

    @Test func observedRules() {
        // Christmas 2021 on Saturday: closed Friday Dec 24 (and no early close that day).
        #expect(NYSECalendar.holiday(on: day("2021-12-24")) == "Christmas Day")
        // New Year 2022 on Saturday: no Friday holiday, Dec 31 2021 trades a full day.
        #expect(NYSECalendar.session(on: day("2021-12-31"))?.isEarlyClose == false)
        // New Year 2023 on Sunday: observed Monday Jan 2.
        #expect(NYSECalendar.holiday(on: day("2023-01-02")) == "New Year's Day")
        // Juneteenth from 2022 only; 2022's fell on Sunday → Monday June 20.
        #expect(NYSECalendar.session(on: day("2021-06-18")) != nil)
        #expect(NYSECalendar.holiday(on: day("2022-06-20")) == "Juneteenth")
        // July 4 2021 on Sunday → Monday July 5; no early close on Friday July 2.
        #expect(NYSECalendar.holiday(on: day("2021-07-05")) == "Independence Day")
        #expect(NYSECalendar.session(on: day("2021-07-02"))?.isEarlyClose == false)
        #expect(NYSECalendar.holiday(on: day("2018-12-05")) != nil)  // George H. W. Bush
        #expect(NYSECalendar.holiday(on: day("2019-04-19")) == "Good Friday")
        // Known yearly counts.
        for (year, count) in [(2019, 252), (2020, 253), (2021, 252), (2022, 251), (2023, 250)] {
            #expect(NYSECalendar.sessions(from: day("\(year)-01-01"), through: day("\(year)-12-31")).count == count, "\(year)")
        }
    }

    @Test func opensFollowDaylightSaving() {
        #expect(NYSECalendar.session(on: day("2024-03-08"))?.open == utc("2024-03-08T14:30:00Z"))
        #expect(NYSECalendar.session(on: day("2024-03-11"))?.open == utc("2024-03-11T13:30:00Z"))
        #expect(NYSECalendar.session(on: day("2024-11-01"))?.open == utc("2024-11-01T13:30:00Z"))
        #expect(NYSECalendar.session(on: day("2024-11-04"))?.open == utc("2024-11-04T14:30:00Z"))
        #expect(NYSECalendar.session(on: day("2024-11-04"))?.close == utc("2024-11-04T21:00:00Z"))
    }

    /// Sessions of 2263 overflowed Int64 nanoseconds in the calendar: the date parser refuses
    /// years outside 1678…2261, so no such day reaches it.
    @Test func datesOutsideTheNanosecondRangeAreRefused() {
        for text in ["2263-01-03", "2262-04-11", "9999-12-31", "1677-12-31", "0001-01-01"] {
            #expect(MarketDate.parse(text) == nil, "\(text)")
        }
        #expect(MarketDate.parse("2261-12-31").map(MarketDate.format) == "2261-12-31")
        #expect(MarketDate.parse("1678-01-01").map(MarketDate.format) == "1678-01-01")
        #expect(NYSECalendar.session(on: MarketDate.parse("2261-12-30")!)?.minutes == 390)
    }
}
