import Foundation

/// One bar: a category name and its value (NaN leaves the slot empty).
public struct Bar: Sendable {
    public var label: String
    public var value: Double
    public init(_ label: String, _ value: Double) { self.label = label; self.value = value }
}

/// Bars growing from zero, green above and red below: P&L by hour (vertical), feature
/// importance (horizontal, names on the left, in the given order from the top).
public struct BarChart: Sendable {
    public enum Orientation: Sendable { case vertical, horizontal }

    public var title: String
    public var categoryLabel: String
    public var valueLabel: String
    public var unit: ValueUnit
    public var bars: [Bar]
    public var orientation: Orientation
    /// Writes each bar's value at its end.
    public var showValues: Bool
    /// Longer category names end in "…".
    public var maxLabelLength: Int
    public var emptyNote: String
    /// Horizontal charts grow taller than this when needed, to keep every name readable.
    public var size: ChartSize

    public init(title: String, categoryLabel: String, valueLabel: String, unit: ValueUnit = .number, bars: [Bar],
                orientation: Orientation = .vertical, showValues: Bool = false, maxLabelLength: Int = 28,
                emptyNote: String = "no data", size: ChartSize = .standard) {
        self.title = title
        self.categoryLabel = categoryLabel
        self.valueLabel = valueLabel
        self.unit = unit
        self.bars = bars
        self.orientation = orientation
        self.showValues = showValues
        self.maxLabelLength = maxLabelLength
        self.emptyNote = emptyNote
        self.size = size
    }

    static let minimumRowHeight = 16.0

    public func svg() -> String {
        let values = bars.map(\.value).filter(\.isFinite)
        guard let lo = values.min(), let hi = values.max() else {
            let (x, y) = orientation == .vertical ? (categoryLabel, valueLabel) : (valueLabel, categoryLabel)
            return SVGCanvas.emptyChart(title: title, xLabel: x, yLabel: y, note: emptyNote, size: size)
        }
        let ticks = Axis.ticks(from: min(lo, 0), to: max(hi, 0), unit: unit)
        let names = bars.map { SVGFormat.truncate($0.label, to: maxLabelLength) }
        return orientation == .vertical ? vertical(ticks, names) : horizontal(ticks, names)
    }

    /// A bar's value with about three significant digits of the largest bar, and never
    /// fewer decimals than the axis.
    private func valueDecimals(_ ticks: Ticks) -> Int {
        let largest = bars.map { abs($0.value) }.filter(\.isFinite).max() ?? 0
        let scaled = largest * (unit == .percent ? 100 : 1)
        let digits = scaled > 0 ? 2 - Int(log10(scaled).rounded(.down)) : 0
        return min(12, max(ticks.decimals, digits))
    }

    private func vertical(_ ticks: Ticks, _ names: [String]) -> String {
        var canvas = SVGCanvas(width: size.width, height: size.height, title: title)
        let area = PlotArea(left: ChartLayout.left(for: ticks.labels), top: ChartLayout.top,
                            right: Double(canvas.width) - ChartLayout.right, bottom: Double(canvas.height) - ChartLayout.bottom)
        let value = LinearScale(ticks: ticks.values, range: (area.bottom, area.top))
        let band = area.width / Double(bars.count)
        // Label every k-th category when all of them would overlap (e.g. 390 minutes).
        let widest = (names.map { ChartStyle.textWidth($0) }.max() ?? 0) + 6
        let every = max(1, Int((widest / band).rounded(.up)))
        let decimals = valueDecimals(ticks)
        canvas.chartTitle(title)
        canvas.horizontalGrid(ticks, scale: value, area: area)
        for (i, bar) in bars.enumerated() {
            let center = area.left + band * (Double(i) + 0.5)
            if i % every == 0 { canvas.text(names[i], at: SVGPoint(center, area.bottom + 18), anchor: .middle) }
            guard bar.value.isFinite else { continue }
            let (zero, end) = (value(0), value(bar.value))
            canvas.rect(x: center - band * 0.35, y: min(zero, end), width: band * 0.7, height: abs(end - zero), fill: color(bar.value))
            if showValues {
                let y = bar.value < 0 ? end + 14 : end - 4
                canvas.text(Axis.label(bar.value, decimals: decimals, unit: unit), at: SVGPoint(center, y), anchor: .middle, size: 10)
            }
        }
        canvas.line(SVGPoint(area.left, value(0)), SVGPoint(area.right, value(0)), stroke: ChartStyle.axis)
        canvas.plotFrame(area)
        canvas.axisTitles(x: categoryLabel, y: valueLabel, area: area)
        return canvas.render()
    }

    private func horizontal(_ ticks: Ticks, _ names: [String]) -> String {
        let rowsHeight = Double(bars.count) * Self.minimumRowHeight
        let height = max(size.height, Int((ChartLayout.top + ChartLayout.bottom + rowsHeight).rounded(.up)))
        var canvas = SVGCanvas(width: size.width, height: height, title: title)
        // Names take at most 45 % of the width.
        let fitting = names.map { SVGFormat.truncate($0, to: Int((Double(canvas.width) * 0.45 - 16) / ChartStyle.textWidth("x"))) }
        let left = max(60, (fitting.map { ChartStyle.textWidth($0) }.max() ?? 0) + 16)
        let right = Double(canvas.width) - (showValues ? 64 : ChartLayout.right)
        let area = PlotArea(left: left, top: ChartLayout.top, right: right, bottom: Double(height) - ChartLayout.bottom)
        let value = LinearScale(ticks: ticks.values, range: (area.left, area.right))
        let band = area.height / Double(bars.count)
        let decimals = valueDecimals(ticks)
        canvas.chartTitle(title)
        canvas.verticalGrid(ticks, scale: value, area: area)
        for (i, bar) in bars.enumerated() {
            let center = area.top + band * (Double(i) + 0.5)
            canvas.text(fitting[i], at: SVGPoint(area.left - 8, center + 4), anchor: .end)
            guard bar.value.isFinite else { continue }
            let (zero, end) = (value(0), value(bar.value))
            canvas.rect(x: min(zero, end), y: center - band * 0.35, width: abs(end - zero), height: band * 0.7, fill: color(bar.value))
            if showValues {
                let (x, anchor) = bar.value < 0 ? (end - 4, SVGCanvas.Anchor.end) : (end + 4, .start)
                canvas.text(Axis.label(bar.value, decimals: decimals, unit: unit), at: SVGPoint(x, center + 4), anchor: anchor, size: 10)
            }
        }
        canvas.line(SVGPoint(value(0), area.top), SVGPoint(value(0), area.bottom), stroke: ChartStyle.axis)
        canvas.plotFrame(area)
        // The category title heads the name column; turned up at the far left it would hit the names.
        canvas.text(categoryLabel, at: SVGPoint(area.left - 8, area.top - 8), anchor: .end, size: 13)
        canvas.text(valueLabel, at: SVGPoint((area.left + area.right) / 2, Double(height) - 12), anchor: .middle, size: 13)
        return canvas.render()
    }

    private func color(_ value: Double) -> String { value < 0 ? ChartStyle.negative : ChartStyle.positive }
}
