import MarketKit
import PackKit

/// Front-month filtering of multi-contract minute bars (stage 1). Per New York session date,
/// the front month is the contract with the most volume in that date's premarket (04:00–09:30
/// New York, all of it before the first decision), else over the whole day when there is no
/// premarket. Only its bars are kept; each keeps the minute's volume over every contract
/// (`total_volume`) so the front month's **purity**, its share of the volume, is measurable
/// at every decision.
struct ContractBar {
    var ts: Int64
    var contract: String
    var open: Double, high: Double, low: Double, close: Double, volume: Double
}

struct FrontMonth {
    struct Session {
        let day: Int32
        let front: String
        /// Front-month share of the session's 04:00–16:00 volume, 0…1.
        let purity: Double
    }

    /// The front month's bars within New York 04:00–16:00 of each date, and each session's choice.
    static func filter(_ bars: [ContractBar], zone: ZoneClock) -> (bars: [ContractBar], total: [Double], sessions: [Session]) {
        var byDay: [Int32: [ContractBar]] = [:]
        for bar in bars {
            let minute = zone.minuteOfDay(nanoseconds: bar.ts)
            guard minute >= SessionClock.premarketOpen, minute < SessionClock.rthClose else { continue }
            byDay[zone.date(nanoseconds: bar.ts), default: []].append(bar)
        }
        var kept: [ContractBar] = [], total: [Double] = [], sessions: [Session] = []
        for day in byDay.keys.sorted() {
            let rows = byDay[day]!
            let premarket = rows.filter { zone.minuteOfDay(nanoseconds: $0.ts) < SessionClock.rthOpen }
            let front = dominant(premarket.isEmpty ? rows : premarket)
            var minuteVolume: [Int64: Double] = [:]
            for row in rows { minuteVolume[row.ts, default: 0] += row.volume }
            let mine = rows.filter { $0.contract == front }.sorted { $0.ts < $1.ts }
            let all = rows.reduce(0) { $0 + $1.volume }
            sessions.append(Session(day: day, front: front, purity: all > 0 ? mine.reduce(0) { $0 + $1.volume } / all : 0))
            kept += mine
            total += mine.map { minuteVolume[$0.ts] ?? $0.volume }
        }
        return (kept, total, sessions)
    }

    /// The contract with the most volume; ties go to the alphabetically first, for determinism.
    static func dominant(_ rows: [ContractBar]) -> String {
        var volume: [String: Double] = [:]
        for row in rows { volume[row.contract, default: 0] += row.volume }
        return volume.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
    }
}
