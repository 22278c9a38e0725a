import Indicators
import PackKit

/// The labeling rules of `direction_to_close`, with its parameters read once.
struct DirectionRules {
    let band: Double
    let hours: ClosedRange<Int>
    /// Round-trip costs per share, so they compare with a per-share premium.
    let costPerShare: Double

    init(_ params: Params) throws {
        band = try params.double("band")
        let first = try params.int("first_hour"), last = try params.int("last_hour")
        guard first <= last else { throw ComponentError("direction_to_close: first_hour \(first) is after last_hour \(last)") }
        hours = first...last
        costPerShare = try params.double("cost_per_contract") / Double(try params.int("multiplier"))
    }

    /// Appends the decisions of one session (rows sorted by `ts`, one New York date) and
    /// returns a note for each decision it had to skip.
    func label(session rows: Range<Int>, _ input: LabelInput, into out: inout LabelColumns) -> [String] {
        let minute = NewYorkClock.minute
        let day = NewYorkCalendar.date(nanoseconds: input.ts[rows.lowerBound])
        let last = rows.upperBound - 1
        let exit = input.close[last], end = input.ts[last] + minute
        var skipped: [String] = []
        var next = rows.lowerBound
        for hour in hours {
            let decision = NewYorkClock.instant(day: day, minuteOfDay: Int64(hour) * 60)
            guard decision < end else { break }
            let when = "\(NewYorkClock.text(day: day)) \(NewYorkClock.text(minuteOfDay: Int64(hour) * 60))"
            // The bar ending at the decision, or failing that the latest one ending in the 5 minutes before.
            while next < rows.upperBound && input.ts[next] + minute <= decision { next += 1 }
            let row = next - 1
            guard row >= rows.lowerBound, input.ts[row] + minute >= decision - 5 * minute else {
                skipped.append("\(when) (no bar ending in the 5 minutes before)")
                continue
            }
            let entry = input.close[row]
            guard entry > 0, exit.isFinite else {
                skipped.append("\(when) (entry \(entry), close \(exit))")
                continue
            }
            let r = exit / entry - 1
            let strike = input.strike[row]
            out.ts.append(decision)
            out.end.append(end)
            out.label.append(r >= band ? "UP" : r <= -band ? "DOWN" : "FLAT")
            out.call.append(outcome(payoff: exit - strike, ask: input.callAsk[row]))
            out.put.append(outcome(payoff: strike - exit, ask: input.putAsk[row]))
        }
        return skipped
    }

    /// Return on the premium paid for an option held to expiry, after costs; NaN without a
    /// usable ask or strike.
    func outcome(payoff: Double, ask: Double) -> Double {
        guard ask > 0, payoff.isFinite else { return .nan }
        return (Swift.max(payoff, 0) - ask - costPerShare) / ask
    }
}
