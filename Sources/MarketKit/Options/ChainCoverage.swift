import Indicators

/// Which sessions a set of snapshots covers intraday, for the warnings adapters report: a
/// chain known only at the close cannot feed decisions taken during the day.
public enum ChainCoverage {
    /// Per session date: has an intraday snapshot (stamped before the close), or only ones at/after it.
    public static func kinds(_ snapshots: [ChainSnapshot]) -> [Int32: Bool] {
        var intraday: [Int32: Bool] = [:]
        for snapshot in snapshots {
            let day = newYorkDate(snapshot.ts)
            let close = NYSECalendar.session(on: day)?.close ?? ChainFile.endOfDay(day)
            intraday[day] = (intraday[day] ?? false) || snapshot.ts < close
        }
        return intraday
    }

    /// One line per session without an intraday snapshot, in date order.
    public static func warnings(_ snapshots: [ChainSnapshot], sessions: [Int32]) -> [String] {
        let kinds = kinds(snapshots)
        return sessions.sorted().compactMap { day in
            switch kinds[day] {
            case true?: nil
            case false?: "\(MarketDate.format(day)): chain has only an end-of-day snapshot (16:00); no intraday chain — chain features are NaN"
            case nil: "\(MarketDate.format(day)): no chain snapshot for this session — chain features are NaN"
            }
        }
    }

    /// The dates that have only end-of-day snapshots, in order.
    public static func endOfDayOnly(_ snapshots: [ChainSnapshot]) -> [Int32] {
        kinds(snapshots).filter { !$0.value }.keys.sorted()
    }

    /// Snapshots whose expiry is their own New York date.
    public static func zeroDTE(_ snapshots: [ChainSnapshot]) -> [ChainSnapshot] {
        snapshots.filter { $0.expiry == newYorkDate($0.ts) }
    }
}
