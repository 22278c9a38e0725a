/// Pixel size of a chart.
public struct ChartSize: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    public static let standard = ChartSize(width: 800, height: 450)
}

/// Colours and fonts shared by every chart, so a report's plots look like one family.
public enum ChartStyle {
    public static let fontFamily = "Helvetica, Arial, sans-serif"
    public static let text = "#222222"
    public static let muted = "#777777"
    public static let grid = "#e6e6e6"
    public static let axis = "#555555"
    public static let zero = "#999999"
    public static let positive = "#2e7d32"
    public static let negative = "#c62828"
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// Rough width of a label: there are no font metrics here, and 0.65 em per character
    /// bounds digits and lower-case text in Helvetica, Arial and the wider DejaVu Sans.
    static func textWidth(_ text: String, size: Double = 12) -> Double { Double(text.count) * size * 0.65 }
}

/// Where the parts of a chart go; one place so every chart lines up the same way.
enum ChartLayout {
    static let titleBaseline = 26.0
    static let top = 48.0
    static let legendHeight = 18.0
    static let bottom = 52.0
    static let right = 28.0

    /// Room for the y axis title and the widest tick label.
    static func left(for labels: [String]) -> Double {
        max(60, 34 + (labels.map { ChartStyle.textWidth($0) }.max() ?? 0))
    }
}

/// The rectangle data is drawn in.
struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// Data values to pixels, linearly; an empty domain maps to the middle of the range, so a
/// constant never divides by zero.
struct LinearScale {
    let lo: Double, hi: Double
    let start: Double, end: Double

    init(domain: (Double, Double), range: (Double, Double)) {
        (lo, hi) = domain
        (start, end) = range
    }

    /// A scale whose domain runs from the first to the last tick.
    init(ticks: [Double], range: (Double, Double)) {
        self.init(domain: (ticks.first ?? 0, ticks.last ?? 1), range: range)
    }

    func callAsFunction(_ v: Double) -> Double {
        guard hi != lo else { return (start + end) / 2 }
        return start + (v - lo) / (hi - lo) * (end - start)
    }
}

extension SVGCanvas {
    mutating func chartTitle(_ title: String) {
        text(title, at: SVGPoint(Double(width) / 2, ChartLayout.titleBaseline), anchor: .middle, size: 16, bold: true)
    }

    /// Horizontal grid lines with their labels on the left.
    mutating func horizontalGrid(_ ticks: Ticks, scale: LinearScale, area: PlotArea) {
        for (value, label) in zip(ticks.values, ticks.labels) {
            let y = scale(value)
            line(SVGPoint(area.left, y), SVGPoint(area.right, y), stroke: ChartStyle.grid)
            text(label, at: SVGPoint(area.left - 8, y + 4), anchor: .end)
        }
    }

    /// Vertical grid lines with their labels below the plot.
    mutating func verticalGrid(_ ticks: Ticks, scale: LinearScale, area: PlotArea) {
        for (value, label) in zip(ticks.values, ticks.labels) {
            let x = scale(value)
            line(SVGPoint(x, area.top), SVGPoint(x, area.bottom), stroke: ChartStyle.grid)
            text(label, at: SVGPoint(x, area.bottom + 18), anchor: .middle)
        }
    }

    /// The x title centred under the plot and the y title turned up along its left side.
    mutating func axisTitles(x: String, y: String, area: PlotArea) {
        text(x, at: SVGPoint((area.left + area.right) / 2, Double(height) - 12), anchor: .middle, size: 13)
        text(y, at: SVGPoint(16, (area.top + area.bottom) / 2), anchor: .middle, size: 13, rotation: -90)
    }

    mutating func plotFrame(_ area: PlotArea) {
        rect(x: area.left, y: area.top, width: area.width, height: area.height, fill: "none", stroke: ChartStyle.axis)
    }

    /// The note drawn instead of data, e.g. "no trades".
    mutating func note(_ message: String, in area: PlotArea) {
        text(message, at: SVGPoint((area.left + area.right) / 2, (area.top + area.bottom) / 2), anchor: .middle, size: 14, fill: ChartStyle.muted)
    }

    /// A one-row legend above the plot: a short line in each entry's colour, then its name.
    mutating func legend(_ entries: [(name: String, color: String, dash: String?)], left: Double) {
        let y = ChartLayout.top + 4
        var x = left
        for entry in entries {
            line(SVGPoint(x, y - 4), SVGPoint(x + 18, y - 4), stroke: entry.color, width: 2.5, dash: entry.dash)
            text(entry.name, at: SVGPoint(x + 24, y))
            x += 24 + ChartStyle.textWidth(entry.name) + 16
        }
    }
}

extension SVGCanvas {
    /// A chart with nothing to show: title, frame, axis titles and a centred note, so a
    /// backtest without trades still writes a valid, self-explaining file.
    static func emptyChart(title: String, xLabel: String, yLabel: String, note message: String, size: ChartSize) -> String {
        var canvas = SVGCanvas(width: size.width, height: size.height, title: title)
        let area = PlotArea(left: ChartLayout.left(for: []), top: ChartLayout.top,
                            right: Double(canvas.width) - ChartLayout.right, bottom: Double(canvas.height) - ChartLayout.bottom)
        canvas.chartTitle(title)
        canvas.plotFrame(area)
        canvas.axisTitles(x: xLabel, y: yLabel, area: area)
        canvas.note(message, in: area)
        return canvas.render()
    }
}
