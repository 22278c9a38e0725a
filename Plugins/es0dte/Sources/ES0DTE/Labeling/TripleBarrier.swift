/// Triple-barrier label of a level touch (stage 14). From the decision (the close of the
/// touching bar), the bars after it up to the horizon are scanned in order; with `side` +1
/// for an approach from below (−1 from above):
///   BREAK   the price reaches level + side·target first (15 points through the level);
///   BOUNCE  it reaches level − side·target first (15 points away, back where it came from);
///   TIMEOUT neither within the horizon.
/// Tie rule, both barriers inside one bar: the barrier nearer the bar's open is taken as hit
/// first (the path visits the nearer extreme first); at equal distance, BREAK.
/// Realised outcomes, in points before costs: a trade in the break direction entered at the
/// decision close and closed at the barrier hit (or at the last close of the horizon); the
/// bounce trade is its opposite.
struct TripleBarrier {
    enum Label: String { case breakThrough = "BREAK", bounce = "BOUNCE", timeout = "TIMEOUT" }

    struct Result: Equatable {
        var label: Label
        /// Index of the bar that decided it (the last bar scanned for a TIMEOUT); nil when no bar followed.
        var lastBar: Int?
        /// Points earned by the break-direction trade, before costs.
        var breakPoints: Double
    }

    let target: Double

    /// Scans bars `bars` (indices after the decision bar, within the horizon) of the arrays given.
    func label(level: Double, side: Double, entry: Double, bars: Range<Int>,
               open: [Double], high: [Double], low: [Double], close: [Double]) -> Result {
        let through = level + side * target, away = level - side * target
        for j in bars {
            let hitThrough = side > 0 ? high[j] >= through : low[j] <= through
            let hitAway = side > 0 ? low[j] <= away : high[j] >= away
            if hitThrough && hitAway {
                let breakFirst = abs(open[j] - through) <= abs(open[j] - away)
                return Result(label: breakFirst ? .breakThrough : .bounce, lastBar: j, breakPoints: side * ((breakFirst ? through : away) - entry))
            }
            if hitThrough { return Result(label: .breakThrough, lastBar: j, breakPoints: side * (through - entry)) }
            if hitAway { return Result(label: .bounce, lastBar: j, breakPoints: side * (away - entry)) }
        }
        guard let last = bars.last else { return Result(label: .timeout, lastBar: nil, breakPoints: 0) }
        return Result(label: .timeout, lastBar: last, breakPoints: side * (close[last] - entry))
    }
}
