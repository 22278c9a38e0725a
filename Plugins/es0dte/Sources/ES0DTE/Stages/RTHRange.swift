/// ATR from RTH 1-minute bars only (stage 2): true range of each RTH bar against the previous
/// RTH bar's close, the session's first RTH bar its high − low (never the premarket close), and
/// the mean of the last `period` true ranges of the session (fewer early in the session).
/// `premarketBars` counts the bars in the window that are not RTH bars: the QA gate requires 0.
struct RTHRange {
    let period: Int
    private var ranges: [Double] = []
    private var window: [Int] = []
    private var previousClose: Double?

    init(period: Int) { self.period = period }

    /// Adds RTH bar `index`; returns the ATR and the number of premarket bars in its window.
    mutating func add(index: Int, high: Double, low: Double, close: Double, isRTH: (Int) -> Bool) -> (atr: Double, premarketBars: Int) {
        let tr = previousClose.map { max(high, $0) - min(low, $0) } ?? high - low
        previousClose = close
        ranges.append(tr)
        window.append(index)
        if ranges.count > period { ranges.removeFirst(); window.removeFirst() }
        return (ranges.reduce(0, +) / Double(ranges.count), window.filter { !isRTH($0) }.count)
    }
}
