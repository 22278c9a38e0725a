import Indicators
import PackKit

/// What `RegularSession.filter` dropped and what it found missing.
public struct SessionReport: Sendable, Equatable {
    /// Bars outside 09:30–close (extended hours, after an early close).
    public var droppedOutsideSession: Int
    /// Bars on weekends/holidays.
    public var droppedNonSessionDays: Int
    /// Per day, minutes of the session with no bar. Sessions between the first and the last
    /// day with bars are all checked, so a whole missing day shows up too.
    public var missingMinutes: [Int32: Int]
    /// Human lines: "2024-07-03: early close 13:00, 139 bars after the close dropped".
    public var messages: [String]

    public init(droppedOutsideSession: Int = 0, droppedNonSessionDays: Int = 0, missingMinutes: [Int32: Int] = [:], messages: [String] = []) {
        self.droppedOutsideSession = droppedOutsideSession
        self.droppedNonSessionDays = droppedNonSessionDays
        self.missingMinutes = missingMinutes
        self.messages = messages
    }
}

public enum RegularSession {
    /// Keeps bars (any frame with `ts` + bar columns, sorted) whose start is inside their day's session.
    public static func filter(_ bars: Frame) throws -> (bars: Frame, report: SessionReport) {
        let ts = try bars.timestamps()
        var keep: [Int] = []
        keep.reserveCapacity(ts.count)
        var report = SessionReport()
        var droppedByDay: [Int32: Int] = [:], nonSessionDays: Set<Int32> = []
        var seenMinutes: [Int32: Set<Int64>] = [:]
        var day = Int32.min, session: NYSECalendar.Session? = nil
        ts.withUnsafeBufferPointer { ts in
            for row in ts.indices {
                let d = newYorkDate(ts[row])
                if d != day { day = d; session = NYSECalendar.session(on: d) }
                guard let s = session else {
                    report.droppedNonSessionDays += 1
                    nonSessionDays.insert(d)
                    continue
                }
                guard ts[row] >= s.open, ts[row] < s.close else {
                    report.droppedOutsideSession += 1
                    droppedByDay[d, default: 0] += 1
                    continue
                }
                keep.append(row)
                seenMinutes[d, default: []].insert((ts[row] - s.open) / MarketFrame.bar)
            }
        }
        if let first = seenMinutes.keys.min(), let last = seenMinutes.keys.max() {
            for s in NYSECalendar.sessions(from: first, through: last) {
                let missing = s.minutes - (seenMinutes[s.day]?.count ?? 0)
                if missing > 0 { report.missingMinutes[s.day] = missing }
            }
        }
        report.messages = messages(report, droppedByDay: droppedByDay, nonSessionDays: nonSessionDays)
        return (keep.count == ts.count ? bars : try bars.rows(keep), report)
    }

    static func messages(_ report: SessionReport, droppedByDay: [Int32: Int], nonSessionDays: Set<Int32>) -> [String] {
        var lines: [String] = []
        if report.droppedOutsideSession > 0 {
            lines.append("dropped \(report.droppedOutsideSession) bars outside the regular session (09:30–16:00 ET, "
                + "13:00 on early closes) on \(droppedByDay.count) days")
        }
        if report.droppedNonSessionDays > 0 {
            let days = nonSessionDays.sorted().map { d in
                MarketDate.format(d) + (NYSECalendar.holiday(on: d).map { " (\($0))" } ?? "")
            }
            lines.append("dropped \(report.droppedNonSessionDays) bars on days without a session: \(days.joined(separator: ", "))")
        }
        for (d, count) in droppedByDay.sorted(by: { $0.key < $1.key }) where NYSECalendar.session(on: d)?.isEarlyClose == true {
            lines.append("\(MarketDate.format(d)): early close 13:00, \(count) bars after the close dropped")
        }
        for (d, missing) in report.missingMinutes.sorted(by: { $0.key < $1.key }) {
            let total = NYSECalendar.session(on: d)?.minutes ?? 0
            lines.append(missing == total ? "\(MarketDate.format(d)): no bars for the whole session"
                                          : "\(MarketDate.format(d)): \(missing) of \(total) session minutes have no bar")
        }
        return lines
    }
}
