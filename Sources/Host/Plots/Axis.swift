import Foundation
import Indicators

/// How values on a value axis read: plain numbers ("1,250") or fractions shown as percentages
/// (0.12 → "12 %").
public enum ValueUnit: Sendable { case number, percent }

/// What an x axis holds: plain numbers, or instants as nanoseconds since 1970-01-01T00:00:00Z.
public enum AxisKind: Sendable { case numeric, time }

/// Tick positions (in data units) and their labels.
public struct Ticks: Equatable, Sendable {
    public var values: [Double]
    public var labels: [String]
    /// Decimals of the labels, so value labels next to bars can match the axis.
    public var decimals: Int
}

/// Tick values people can read at a glance: steps of 1, 2 or 5 × 10^k, and calendar steps
/// (minutes, hours, days, months) on time axes.
public enum Axis {
    /// Nice ticks covering `lo…hi` (the first at or below `lo`, the last at or above `hi`),
    /// at most `maxIntervals` intervals apart; `[lo, hi]` when no nice step fits the range.
    public static func niceTicks(from lo: Double, to hi: Double, maxIntervals: Int = 6) -> [Double] {
        niceSteps(from: lo, to: hi, maxIntervals: maxIntervals).values
    }

    /// Nice ticks labelled in `unit`; a degenerate range (min == max) is widened first.
    public static func ticks(from lo: Double, to hi: Double, unit: ValueUnit, maxIntervals: Int = 6) -> Ticks {
        let (a, b) = widened(lo, hi, unit: unit)
        let (values, step) = niceSteps(from: a, to: b, maxIntervals: maxIntervals)
        let shift = unit == .percent ? 2 : 0
        let decimals = max(0, -((step?.exponent ?? 0) + shift))
        return Ticks(values: values, labels: values.map { label($0, decimals: decimals, unit: unit) }, decimals: decimals)
    }

    /// A value as an axis shows it: "1,250.5" or "12.5 %" (for the fraction 0.125).
    public static func label(_ value: Double, decimals: Int, unit: ValueUnit) -> String {
        switch unit {
        case .number: SVGFormat.fixed(value, decimals: decimals, grouped: true)
        case .percent: SVGFormat.fixed(value * 100, decimals: decimals, grouped: true) + " %"
        }
    }

    /// A range with room around it: a constant series gets ±10 % of its value (or ±1, ±1 %
    /// around zero), so scales never divide by zero.
    static func widened(_ lo: Double, _ hi: Double, unit: ValueUnit) -> (Double, Double) {
        guard lo.isFinite, hi.isFinite else { return (0, 1) }
        guard hi <= lo else { return (lo, hi) }
        let pad = lo != 0 ? abs(lo) * 0.1 : (unit == .percent ? 0.01 : 1)
        return (lo - pad, lo + pad)
    }

    /// A step of mantissa × 10^exponent, kept apart so ticks are the doubles nearest the
    /// decimal values (0.3, not 0.30000000000000004).
    struct Step {
        let mantissa: Int64
        let exponent: Int

        func value(_ multiple: Int64) -> Double {
            let n = Double(multiple * mantissa)
            return exponent >= 0 ? n * SVGFormat.power10(exponent) : n / SVGFormat.power10(-exponent)
        }

        /// The smallest nice step at or above `raw` (> 0, finite).
        static func atLeast(_ raw: Double) -> Step {
            var exponent = Int(log10(raw).rounded(.down))
            let base = raw / pow(10, Double(exponent))
            for mantissa: Int64 in [1, 2, 5] where Double(mantissa) >= base * (1 - 1e-9) {
                return Step(mantissa: mantissa, exponent: exponent)
            }
            exponent += 1
            return Step(mantissa: 1, exponent: exponent)
        }
    }

    private static func niceSteps(from lo: Double, to hi: Double, maxIntervals: Int) -> (values: [Double], step: Step?) {
        let span = hi - lo
        guard lo.isFinite, hi.isFinite, span > 0, span.isFinite, maxIntervals > 0 else {
            return (lo.isFinite && hi.isFinite ? (lo == hi ? [lo] : [Swift.min(lo, hi), Swift.max(lo, hi)]) : [], nil)
        }
        let step = Step.atLeast(span / Double(maxIntervals))
        let size = step.value(1)
        // A hair of tolerance so 0.3 / 0.1 = 2.9999999999999996 still starts at 0.3.
        let first = (lo / size + 1e-9).rounded(.down)
        let last = (hi / size - 1e-9).rounded(.up)
        guard size > 0, abs(first) < 1e15, abs(last) < 1e15, last - first <= Double(maxIntervals + 2) else {
            return ([lo, hi], nil)
        }
        return ((Int64(first)...Int64(last)).map { step.value($0) }, step)
    }
}

extension Axis {
    private static let secondNanos: Int64 = 1_000_000_000
    private static let daySeconds: Int64 = 86_400
    /// Clock steps in seconds, from a second to two weeks; longer spans step by months.
    private static let clockSteps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800,
                                              3_600, 7_200, 10_800, 21_600, 43_200,
                                              86_400, 172_800, 432_000, 604_800, 1_209_600]
    private static let monthSteps: [Int64] = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600]

    /// Ticks on round instants inside `lo…hi` (nanoseconds since the epoch, UTC), labelled
    /// "2024-03" for spans of two months or more, "2024-03-15" for days, "14:30" within a day
    /// (midnight shows the date), "14:30:15" for steps under a minute.
    public static func timeTicks(from lo: Int64, to hi: Int64, maxIntervals: Int = 6) -> Ticks {
        guard hi > lo else { return Ticks(values: [Double(lo)], labels: [dayLabel(lo)], decimals: 0) }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        let spanSeconds = overflow ? Int64.max / secondNanos : span / secondNanos
        let intervals = Int64(Swift.max(1, maxIntervals))
        if spanSeconds >= 60 * daySeconds { return monthTicks(from: lo, to: hi, maxIntervals: intervals) }
        let stepSeconds = clockSteps.first { spanSeconds / $0 <= intervals } ?? clockSteps[clockSteps.count - 1]
        let step = stepSeconds * secondNanos
        var t = NewYorkCalendar.floorDivide(lo, step) * step
        if t < lo { t += step }
        var instants: [Int64] = []
        while t <= hi {
            instants.append(t)
            let (next, over) = t.addingReportingOverflow(step)
            if over { break }
            t = next
        }
        let labels = instants.map { ns -> String in
            let iso = Timestamps.iso(ns)
            if stepSeconds >= daySeconds || iso.hasSuffix("T00:00:00Z") { return String(iso.prefix(10)) }
            return String(iso.dropFirst(11).prefix(stepSeconds < 60 ? 8 : 5))
        }
        return Ticks(values: instants.map(Double.init), labels: labels, decimals: 0)
    }

    private static func monthTicks(from lo: Int64, to hi: Int64, maxIntervals: Int64) -> Ticks {
        let firstMonth = monthIndex(lo), lastMonth = monthIndex(hi)
        let step = monthSteps.first { (lastMonth - firstMonth) / $0 <= maxIntervals } ?? monthSteps[monthSteps.count - 1]
        var m = NewYorkCalendar.floorDivide(firstMonth, step) * step
        var instants: [Int64] = []
        while m <= lastMonth {
            let days = NewYorkCalendar.days(year: NewYorkCalendar.floorDivide(m, 12), month: NewYorkCalendar.floorModulo(m, 12) + 1, day: 1)
            let (ns, over) = days.multipliedReportingOverflow(by: daySeconds * secondNanos)
            if over { break }
            if ns >= lo && ns <= hi { instants.append(ns) }
            m += step
        }
        return Ticks(values: instants.map(Double.init), labels: instants.map { String(dayLabel($0).prefix(7)) }, decimals: 0)
    }

    /// Months since year 0 of the UTC date of an instant.
    private static func monthIndex(_ ns: Int64) -> Int64 {
        let date = NewYorkCalendar.civil(days: NewYorkCalendar.floorDivide(ns, daySeconds * secondNanos))
        return date.year * 12 + date.month - 1
    }

    private static func dayLabel(_ ns: Int64) -> String { String(Timestamps.iso(ns).prefix(10)) }
}
