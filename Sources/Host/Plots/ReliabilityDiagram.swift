/// Predictions that fell in one probability interval: their mean, how often the event
/// happened, and how many there were.
public struct ReliabilityBin: Equatable, Sendable {
    public var meanPredicted: Double
    public var observedFrequency: Double
    public var count: Int
    public init(meanPredicted: Double, observedFrequency: Double, count: Int) {
        self.meanPredicted = meanPredicted
        self.observedFrequency = observedFrequency
        self.count = count
    }
}

/// Calibration at a glance: observed frequency against predicted probability per bin, the
/// dashed diagonal where they would be equal, and below it how many predictions each bin holds
/// (a bin with few predictions can sit far from the diagonal by chance alone).
public struct ReliabilityDiagram: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Bins with a count of zero are skipped.
    public var bins: [ReliabilityBin]
    public var emptyNote: String
    public var size: ChartSize

    public init(title: String, xLabel: String = "predicted probability", yLabel: String = "observed frequency",
                bins: [ReliabilityBin], emptyNote: String = "no predictions", size: ChartSize = .standard) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.bins = bins
        self.emptyNote = emptyNote
        self.size = size
    }

    /// `count` equal intervals of [0, 1] (the last one closed), non-empty ones only, in
    /// increasing order. Probabilities outside [0, 1] count in the end intervals; NaN ones
    /// are ignored, as are pairs beyond the shorter of the two arrays.
    public static func bins(probabilities: [Double], outcomes: [Bool], count: Int = 10) -> [ReliabilityBin] {
        guard count > 0 else { return [] }
        var sums = [Double](repeating: 0, count: count)
        var hits = [Int](repeating: 0, count: count)
        var totals = [Int](repeating: 0, count: count)
        for (p, happened) in zip(probabilities, outcomes) where !p.isNaN {
            let i = min(max(Int(min(max(p, 0), 1) * Double(count)), 0), count - 1)
            sums[i] += p
            totals[i] += 1
            if happened { hits[i] += 1 }
        }
        return (0..<count).filter { totals[$0] > 0 }.map {
            ReliabilityBin(meanPredicted: sums[$0] / Double(totals[$0]), observedFrequency: Double(hits[$0]) / Double(totals[$0]), count: totals[$0])
        }
    }

    static let histogramHeight = 56.0
    static let histogramGap = 20.0

    public func svg() -> String {
        let shown = bins.enumerated()
            .filter { $0.element.count > 0 && $0.element.meanPredicted.isFinite && $0.element.observedFrequency.isFinite }
            .sorted { ($0.element.meanPredicted, $0.offset) < ($1.element.meanPredicted, $1.offset) }
            .map(\.element)
        guard let most = shown.map(\.count).max() else {
            return SVGCanvas.emptyChart(title: title, xLabel: xLabel, yLabel: yLabel, note: emptyNote, size: size)
        }
        let ticks = Axis.ticks(from: 0, to: 1, unit: .number, maxIntervals: 5)
        var canvas = SVGCanvas(width: size.width, height: size.height, title: title)
        let left = ChartLayout.left(for: ticks.labels + [String(most)])
        let histogramBottom = Double(canvas.height) - ChartLayout.bottom
        let histogram = PlotArea(left: left, top: histogramBottom - Self.histogramHeight,
                                 right: Double(canvas.width) - ChartLayout.right, bottom: histogramBottom)
        let main = PlotArea(left: left, top: ChartLayout.top + ChartLayout.legendHeight,
                            right: histogram.right, bottom: histogram.top - Self.histogramGap)
        let x = LinearScale(ticks: ticks.values, range: (main.left, main.right))
        let y = LinearScale(ticks: ticks.values, range: (main.bottom, main.top))
        let clamp = { (v: Double) in min(max(v, 0), 1) }

        canvas.chartTitle(title)
        canvas.horizontalGrid(ticks, scale: y, area: main)
        canvas.verticalGrid(ticks, scale: x, area: PlotArea(left: main.left, top: main.top, right: main.right, bottom: histogram.bottom))
        canvas.line(SVGPoint(x(0), y(0)), SVGPoint(x(1), y(1)), stroke: ChartStyle.muted, width: 1.5, dash: "6 4")
        let points = shown.map { SVGPoint(x(clamp($0.meanPredicted)), y(clamp($0.observedFrequency))) }
        if points.count > 1 { canvas.polyline(points, stroke: ChartStyle.color(0), width: 2) }
        for point in points { canvas.circle(point, radius: 4, fill: ChartStyle.color(0)) }

        let barWidth = main.width / Double(max(10, shown.count)) * 0.8
        for bin in shown {
            let height = Double(bin.count) / Double(most) * (histogram.height - 4)
            canvas.rect(x: x(clamp(bin.meanPredicted)) - barWidth / 2, y: histogram.bottom - height, width: barWidth, height: height,
                        fill: ChartStyle.color(0), opacity: 0.45)
        }
        canvas.text(String(most), at: SVGPoint(left - 8, histogram.top + 8), anchor: .end)
        canvas.text("0", at: SVGPoint(left - 8, histogram.bottom), anchor: .end)
        canvas.text("predictions per bin", at: SVGPoint(histogram.right, histogram.top - 5), anchor: .end, size: 10, fill: ChartStyle.muted)

        canvas.plotFrame(main)
        canvas.plotFrame(histogram)
        canvas.axisTitles(x: xLabel, y: yLabel, area: main)
        canvas.legend([("model", ChartStyle.color(0), nil), ("perfect calibration", ChartStyle.muted, "6 4")], left: main.left)
        return canvas.render()
    }
}
