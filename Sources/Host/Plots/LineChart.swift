/// One line of a chart; a NaN in `xs` or `ys` breaks the line there.
public struct LineSeries: Sendable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    public init(name: String, xs: [Double], ys: [Double]) { self.name = name; self.xs = xs; self.ys = ys }
}

/// Lines over a numeric or time axis: equity curves, drawdowns. Time x values are nanoseconds
/// since the epoch (UTC) as doubles; percent y values are fractions (0.12 reads "12 %").
public struct LineChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xAxis: AxisKind
    public var yUnit: ValueUnit
    public var series: [LineSeries]
    /// Shades the area between each line and zero where the line is below zero (drawdowns).
    public var fillBelowZero: Bool
    public var emptyNote: String
    public var size: ChartSize

    public init(title: String, xLabel: String, yLabel: String, xAxis: AxisKind = .numeric, yUnit: ValueUnit = .number,
                series: [LineSeries], fillBelowZero: Bool = false, emptyNote: String = "no data", size: ChartSize = .standard) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xAxis = xAxis
        self.yUnit = yUnit
        self.series = series
        self.fillBelowZero = fillBelowZero
        self.emptyNote = emptyNote
        self.size = size
    }

    public func svg() -> String {
        let lines = series.map(Self.segments)
        let points = lines.flatMap { $0.flatMap { $0 } }
        guard let first = points.first else {
            return SVGCanvas.emptyChart(title: title, xLabel: xLabel, yLabel: yLabel, note: emptyNote, size: size)
        }
        var (yLo, yHi) = points.reduce((first.y, first.y)) { (min($0.0, $1.y), max($0.1, $1.y)) }
        if fillBelowZero { (yLo, yHi) = (min(yLo, 0), max(yHi, 0)) }
        let yTicks = Axis.ticks(from: yLo, to: yHi, unit: yUnit)
        let (xTicks, xDomain) = xAxisTicks(points.map(\.x))

        var canvas = SVGCanvas(width: size.width, height: size.height, title: title)
        let legendRoom = series.count > 1 ? ChartLayout.legendHeight : 0
        let area = PlotArea(left: ChartLayout.left(for: yTicks.labels), top: ChartLayout.top + legendRoom,
                            right: Double(canvas.width) - ChartLayout.right, bottom: Double(canvas.height) - ChartLayout.bottom)
        let xScale = LinearScale(domain: xDomain, range: (area.left, area.right))
        let yScale = LinearScale(ticks: yTicks.values, range: (area.bottom, area.top))
        canvas.chartTitle(title)
        canvas.horizontalGrid(yTicks, scale: yScale, area: area)
        canvas.verticalGrid(xTicks, scale: xScale, area: area)
        let zeroY = yScale(0)
        if zeroY > area.top + 0.5, zeroY < area.bottom - 0.5 {
            canvas.line(SVGPoint(area.left, zeroY), SVGPoint(area.right, zeroY), stroke: ChartStyle.zero)
        }
        for (index, segments) in lines.enumerated() {
            let color = ChartStyle.color(index)
            for segment in segments {
                let pixels = Self.thinned(segment.map { SVGPoint(xScale($0.x), yScale($0.y)) })
                if fillBelowZero, pixels.count > 1 {
                    let below = pixels.map { SVGPoint($0.x, max($0.y, zeroY)) }
                    canvas.polygon([SVGPoint(pixels[0].x, zeroY)] + below + [SVGPoint(pixels[pixels.count - 1].x, zeroY)],
                                   fill: color, opacity: 0.25)
                }
                if pixels.count == 1 {
                    canvas.circle(pixels[0], radius: 2.5, fill: color)
                } else {
                    canvas.polyline(pixels, stroke: color)
                }
            }
        }
        canvas.plotFrame(area)
        canvas.axisTitles(x: xLabel, y: yLabel, area: area)
        if series.count > 1 {
            canvas.legend(series.enumerated().map { ($0.element.name, ChartStyle.color($0.offset), nil) }, left: area.left)
        }
        return canvas.render()
    }

    /// Ticks and the domain they span: nice numbers widened to whole steps, or round instants
    /// inside the data's time range (an hour either side of a single instant).
    private func xAxisTicks(_ xs: [Double]) -> (Ticks, (Double, Double)) {
        let lo = xs.min() ?? 0, hi = xs.max() ?? 0
        switch xAxis {
        case .numeric:
            let ticks = Axis.ticks(from: lo, to: hi, unit: .number)
            return (ticks, (ticks.values.first ?? lo, ticks.values.last ?? hi))
        case .time:
            let hour = 3_600_000_000_000.0
            let (a, b) = lo < hi ? (lo, hi) : (lo - hour, hi + hour)
            return (Axis.timeTicks(from: Self.nanoseconds(a), to: Self.nanoseconds(b)), (a, b))
        }
    }

    /// Runs of consecutive points where both coordinates are finite.
    static func segments(_ series: LineSeries) -> [[SVGPoint]] {
        var out: [[SVGPoint]] = []
        var current: [SVGPoint] = []
        for (x, y) in zip(series.xs, series.ys) {
            if x.isFinite, y.isFinite {
                current.append(SVGPoint(x, y))
            } else if !current.isEmpty {
                out.append(current)
                current = []
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Keeps, per pixel column, the first, lowest, highest and last point in their order, so
    /// a 100 000-point equity curve draws the same shape from a few thousand points.
    static func thinned(_ points: [SVGPoint]) -> [SVGPoint] {
        guard points.count > 4 else { return points }
        var out: [SVGPoint] = []
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start + 1
            while end < points.count, points[end].x.rounded(.down) == column { end += 1 }
            if end - start <= 4 {
                out += points[start..<end]
            } else {
                let group = start..<end
                let low = group.min { points[$0].y < points[$1].y } ?? start
                let high = group.max { points[$0].y < points[$1].y } ?? start
                out += Set([start, low, high, end - 1]).sorted().map { points[$0] }
            }
            start = end
        }
        return out
    }

    /// A time coordinate as Int64 nanoseconds, saturating instead of trapping.
    static func nanoseconds(_ x: Double) -> Int64 {
        x >= 9.2e18 ? .max : x <= -9.2e18 ? .min : Int64(x)
    }
}
