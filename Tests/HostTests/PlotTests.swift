import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Host
import Testing

/// An SVG read back with XMLParser: proves the text is well-formed XML and gives the
/// elements and text contents to check.
private final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    private(set) var elements: [Element] = []
    private(set) var texts: [String] = []
    private var pending = ""

    static func parse(_ svg: String) -> SVGDocument? {
        let document = SVGDocument()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = document
        return parser.parse() ? document : nil
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict))
        pending = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { pending += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "text" || elementName == "title" { texts.append(pending) }
        pending = ""
    }
}

@Suite struct PlotTests {
    static let march15: Double = 1_710_460_800_000_000_000  // 2024-03-15T00:00:00Z
    static let day: Double = 86_400_000_000_000

    static func equity(_ n: Int = 40) -> LineChart {
        let xs = (0..<n).map { march15 + Double($0) * day }
        let ys = (0..<n).map { 0.002 * Double($0) + 0.01 * sin(Double($0) / 3) }
        let benchmark = (0..<n).map { 0.001 * Double($0) }
        return LineChart(title: "spy: equity <out-of-sample>", xLabel: "session date", yLabel: "cumulative return",
                         xAxis: .time, yUnit: .percent,
                         series: [LineSeries(name: "threshold 0.60", xs: xs, ys: ys), LineSeries(name: "buy & hold", xs: xs, ys: benchmark)])
    }

    static func drawdown() -> LineChart {
        let xs = (0..<60).map { march15 + Double($0) * day }
        let ys = (0..<60).map { -0.05 * abs(sin(Double($0) / 8)) }
        return LineChart(title: "spy: drawdown", xLabel: "session date", yLabel: "drawdown from peak", xAxis: .time, yUnit: .percent,
                         series: [LineSeries(name: "dd", xs: xs, ys: ys)], fillBelowZero: true)
    }

    static func hourly() -> BarChart {
        BarChart(title: "spy: P&L by hour", categoryLabel: "decision hour (New York)", valueLabel: "P&L, share of equity", unit: .percent,
                 bars: [Bar("10", 0.012), Bar("11", -0.004), Bar("12", 0.0), Bar("13", 0.007), Bar("14", -0.011), Bar("15", 0.003)],
                 showValues: true)
    }

    static func importance() -> BarChart {
        let names = ["rsi_14", "gamma_exposure_near_the_money_strikes_weighted", "vwap_distance", "minutes_to_close", "iv_skew"]
        return BarChart(title: "spy: feature importance", categoryLabel: "feature", valueLabel: "gain",
                        bars: names.enumerated().map { Bar($0.element, 10 / Double($0.offset + 1)) }, orientation: .horizontal, showValues: true)
    }

    static func calibration() -> ReliabilityDiagram {
        var probabilities: [Double] = []
        var outcomes: [Bool] = []
        for i in 0..<500 {
            let p = Double((i * 37) % 100) / 100
            probabilities.append(p)
            outcomes.append(Double((i * 61) % 100) / 100 < p * 0.8 + 0.1)
        }
        return ReliabilityDiagram(title: "spy: calibration", bins: ReliabilityDiagram.bins(probabilities: probabilities, outcomes: outcomes))
    }

    static var allCharts: [(name: String, svg: String, texts: [String])] {
        [("equity", equity().svg(), ["spy: equity <out-of-sample>", "session date", "cumulative return", "buy & hold"]),
         ("drawdown", drawdown().svg(), ["spy: drawdown", "drawdown from peak"]),
         ("hourly_pnl", hourly().svg(), ["spy: P&L by hour", "decision hour (New York)", "P&L, share of equity"]),
         ("importance", importance().svg(), ["spy: feature importance", "feature", "gain"]),
         ("calibration", calibration().svg(), ["spy: calibration", "predicted probability", "observed frequency"])]
    }

    // MARK: - Numbers and text

    @Test func niceTicksKnownAnswers() {
        #expect(Axis.niceTicks(from: 0, to: 0.37) == [0, 0.1, 0.2, 0.3, 0.4])
        #expect(Axis.niceTicks(from: 0, to: 100) == [0, 20, 40, 60, 80, 100])
        #expect(Axis.niceTicks(from: -3.2, to: 7.7) == [-4, -2, 0, 2, 4, 6, 8])
        #expect(Axis.niceTicks(from: 0.3, to: 0.9) == [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        #expect(Axis.niceTicks(from: 1_000, to: 1_020) == [1_000, 1_005, 1_010, 1_015, 1_020])
        #expect(Axis.niceTicks(from: 2, to: 2) == [2])
        #expect(Axis.niceTicks(from: .nan, to: 1) == [])
    }

    @Test func tickLabelsInUnits() {
        #expect(Axis.ticks(from: 0, to: 0.37, unit: .percent).labels == ["0 %", "10 %", "20 %", "30 %", "40 %"])
        #expect(Axis.ticks(from: -0.012, to: 0.004, unit: .percent).labels == ["-1.5 %", "-1.0 %", "-0.5 %", "0.0 %", "0.5 %"])
        #expect(Axis.ticks(from: 0, to: 0.37, unit: .number).labels == ["0.0", "0.1", "0.2", "0.3", "0.4"])
        #expect(Axis.ticks(from: 0, to: 1_234_567, unit: .number).labels == ["0", "500,000", "1,000,000", "1,500,000"])
        // A constant is widened by 10 %, zero by ±1 (or ±1 %), so scales never divide by zero.
        #expect(Axis.ticks(from: 5, to: 5, unit: .number).values == [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6])
        #expect(Axis.ticks(from: 0, to: 0, unit: .percent).labels.first == "-1.0 %")
    }

    /// Nanoseconds of `seconds` after midnight UTC of `day`.
    static func instant(_ day: String, _ seconds: Int64 = 0) throws -> Int64 {
        Int64(try Timestamps.parseDate(day)) * 86_400_000_000_000 + seconds * 1_000_000_000
    }

    @Test func timeTicksFollowTheCalendar() throws {
        let year = Axis.timeTicks(from: try Self.instant("2024-01-01"), to: try Self.instant("2024-12-31"))
        #expect(year.labels == ["2024-01", "2024-03", "2024-05", "2024-07", "2024-09", "2024-11"])
        let days = Axis.timeTicks(from: try Self.instant("2024-03-10"), to: try Self.instant("2024-03-20"))
        #expect(days.labels == ["2024-03-10", "2024-03-12", "2024-03-14", "2024-03-16", "2024-03-18", "2024-03-20"])
        let session = Axis.timeTicks(from: try Self.instant("2024-03-15", 14 * 3600 + 1800), to: try Self.instant("2024-03-15", 20 * 3600))
        #expect(session.labels == ["15:00", "16:00", "17:00", "18:00", "19:00", "20:00"])
        #expect(session.values.first == Double(try Self.instant("2024-03-15", 15 * 3600)))
        let overnight = Axis.timeTicks(from: try Self.instant("2024-03-15", 18 * 3600), to: try Self.instant("2024-03-16", 6 * 3600))
        #expect(overnight.labels == ["18:00", "20:00", "22:00", "2024-03-16", "02:00", "04:00", "06:00"], "midnight shows the date")
        #expect(Axis.timeTicks(from: 5, to: 5).labels == ["1970-01-01"])
        #expect(Axis.timeTicks(from: .min, to: .max).labels.count <= 8, "the whole Int64 range does not trap")
    }

    @Test func fixedNumbersIgnoreLocaleAndNeverShowMinusZero() {
        #expect(SVGFormat.fixed(-0.004, decimals: 2) == "0.00")
        #expect(SVGFormat.fixed(-0.0, decimals: 0) == "0")
        #expect(SVGFormat.fixed(-0.006, decimals: 2) == "-0.01")
        #expect(SVGFormat.fixed(2.5, decimals: 0) == "3")
        #expect(SVGFormat.fixed(1_234_567.891, decimals: 2, grouped: true) == "1,234,567.89")
        #expect(SVGFormat.fixed(-999.5, decimals: 0, grouped: true) == "-1,000")
        #expect(SVGFormat.fixed(0.05, decimals: 3) == "0.050")
        #expect(SVGFormat.fixed(1e20, decimals: 1) == "100000000000000000000.0")
        #expect(SVGFormat.fixed(.nan, decimals: 2) == "NaN")
        #expect(SVGFormat.coordinate(12.04) == "12" && SVGFormat.coordinate(-0.04) == "0" && SVGFormat.coordinate(3.25) == "3.3")
        #expect(SVGFormat.coordinate(.infinity) == "0")
    }

    @Test func textIsEscapedAndTruncated() {
        #expect(SVGFormat.escape("a & b < c > \"d\" 'e'") == "a &amp; b &lt; c &gt; &quot;d&quot; 'e'")
        #expect(SVGFormat.escape("x\u{1}y\nz") == "x\u{FFFD}y z")
        #expect(SVGFormat.truncate("gamma_exposure", to: 6) == "gamma…")
        #expect(SVGFormat.truncate("rsi", to: 6) == "rsi")
        let chart = LineChart(title: "<script>&\"", xLabel: "x", yLabel: "y", series: [LineSeries(name: "a", xs: [0, 1], ys: [0, 1])])
        let svg = chart.svg()
        #expect(svg.contains("&lt;script&gt;&amp;&quot;") && !svg.contains("<script>"))
        #expect(SVGDocument.parse(svg)?.texts.contains("<script>&\"") == true)
    }

    // MARK: - Charts

    @Test func everyChartIsXMLWithTitleAndAxisLabels() throws {
        for chart in Self.allCharts {
            let document = try #require(SVGDocument.parse(chart.svg), "\(chart.name) is not well-formed XML")
            let svg = try #require(document.named("svg").first)
            #expect(svg.attributes["width"] == "800" && svg.attributes["viewBox"] == "0 0 800 450", "\(chart.name)")
            #expect(document.named("rect").first?.attributes["fill"] == "#ffffff", "\(chart.name): white background")
            for text in chart.texts {
                #expect(document.texts.contains(text), "\(chart.name): missing '\(text)'")
            }
            #expect(!chart.svg.contains("NaN") && !chart.svg.contains("inf"), "\(chart.name)")
        }
    }

    @Test func renderingIsDeterministic() {
        for (first, second) in zip(Self.allCharts, Self.allCharts) {
            #expect(first.svg == second.svg, "\(first.name)")
        }
    }

    @Test func polylineMapsDataToKnownPixels() throws {
        // y ticks 0…10 by 2 ("0"…"10") keep the left margin at 60; the plot spans 60…772 × 48…398.
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [LineSeries(name: "s", xs: [0, 5, 10], ys: [0, 5, 10])])
        let document = try #require(SVGDocument.parse(chart.svg()))
        #expect(document.named("polyline").map { $0.attributes["points"] } == ["60,398 416,223 772,48"])
        #expect(!document.texts.contains("s"), "one series needs no legend")
    }

    @Test func nanBreaksTheLine() throws {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y",
                              series: [LineSeries(name: "s", xs: [0, 1, 2, 3, 4, 5, 6], ys: [1, 2, .nan, 3, 4, .nan, 2])])
        let document = try #require(SVGDocument.parse(chart.svg()))
        #expect(document.named("polyline").count == 2)
        #expect(document.named("circle").count == 1, "a lone point between gaps is a dot")
    }

    @Test func drawdownAreaSitsBetweenZeroAndTheLine() throws {
        let document = try #require(SVGDocument.parse(Self.drawdown().svg()))
        let polygon = try #require(document.named("polygon").first?.attributes["points"])
        let ys = polygon.split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }
        // The fill starts and ends on the zero line, which is the top of the plot here (all values ≤ 0).
        #expect(ys.first == 48 && ys.last == 48 && ys.allSatisfy { $0 >= 48 })
    }

    @Test func emptyAndAllNaNInputsDrawAFrameWithANote() throws {
        let charts = [
            LineChart(title: "equity", xLabel: "date", yLabel: "return", xAxis: .time, series: [], emptyNote: "no trades").svg(),
            LineChart(title: "equity", xLabel: "date", yLabel: "return", xAxis: .time,
                      series: [LineSeries(name: "a", xs: [.nan, 1], ys: [1, .nan])], emptyNote: "no trades").svg(),
            BarChart(title: "hourly", categoryLabel: "hour", valueLabel: "P&L", bars: [], emptyNote: "no trades").svg(),
            BarChart(title: "hourly", categoryLabel: "hour", valueLabel: "P&L", bars: [Bar("10", .nan)], emptyNote: "no trades").svg(),
            BarChart(title: "importance", categoryLabel: "feature", valueLabel: "gain", bars: [], orientation: .horizontal,
                     emptyNote: "no trades").svg(),
            ReliabilityDiagram(title: "calibration", bins: [], emptyNote: "no trades").svg(),
            ReliabilityDiagram(title: "calibration", bins: [ReliabilityBin(meanPredicted: 0.5, observedFrequency: 0.5, count: 0)],
                               emptyNote: "no trades").svg(),
        ]
        for svg in charts {
            let document = try #require(SVGDocument.parse(svg))
            #expect(document.texts.contains("no trades"))
            #expect(document.named("polyline").isEmpty && document.named("circle").isEmpty)
            #expect(document.named("rect").count == 2, "background and frame only")
        }
    }

    @Test func constantInputsDoNotDivideByZero() throws {
        let flat = LineChart(title: "flat", xLabel: "x", yLabel: "y", xAxis: .time,
                             series: [LineSeries(name: "a", xs: [Self.march15, Self.march15], ys: [0.5, 0.5])]).svg()
        let zeros = BarChart(title: "zeros", categoryLabel: "c", valueLabel: "v", bars: [Bar("a", 0), Bar("b", 0)], showValues: true).svg()
        let one = ReliabilityDiagram(title: "one", bins: [ReliabilityBin(meanPredicted: 0.3, observedFrequency: 0.3, count: 7)]).svg()
        for svg in [flat, zeros, one] {
            #expect(SVGDocument.parse(svg) != nil)
            #expect(!svg.contains("NaN") && !svg.contains("inf"))
        }
        // A constant line is drawn across the middle of the plot: (48 + 398) / 2 = 223.
        #expect(SVGDocument.parse(flat)?.named("polyline").first?.attributes["points"]?.hasSuffix(",223") == true)
    }

    @Test func negativeBarsGrowDownFromZeroInTheirOwnColour() throws {
        // Ticks −4…6 by 2: zero sits at 398 − 4/10 × 350 = 258.
        let chart = BarChart(title: "pnl", categoryLabel: "hour", valueLabel: "P&L ($)", bars: [Bar("10", 5), Bar("11", -3)])
        let document = try #require(SVGDocument.parse(chart.svg()))
        let bars = document.named("rect").filter { [ChartStyle.positive, ChartStyle.negative].contains($0.attributes["fill"] ?? "") }
        #expect(bars.map { $0.attributes["fill"] } == [ChartStyle.positive, ChartStyle.negative])
        #expect(bars.map { $0.attributes["y"] } == ["83", "258"])
        #expect(bars.map { $0.attributes["height"] } == ["175", "105"])
        #expect(document.texts.contains("10") && document.texts.contains("11"))
    }

    @Test func horizontalBarsTruncateLongNamesInOrder() throws {
        let document = try #require(SVGDocument.parse(Self.importance().svg()))
        let names = document.texts.filter { $0.hasPrefix("rsi") || $0.hasPrefix("gamma") || $0.hasPrefix("iv_") }
        #expect(names == ["rsi_14", "gamma_exposure_near_the_mon…", "iv_skew"])
        #expect(document.texts.contains("10.0") && document.texts.contains("3.3"), "value labels: three significant digits of the largest")
        let tall = BarChart(title: "t", categoryLabel: "feature", valueLabel: "gain",
                            bars: (0..<60).map { Bar("f\($0)", Double($0)) }, orientation: .horizontal).svg()
        #expect(SVGDocument.parse(tall)?.named("svg").first?.attributes["height"] == "1060", "60 rows of 16 px plus margins")
    }

    @Test func manyCategoriesLabelEveryKth() throws {
        let bars = (0..<390).map { Bar(String($0), Double($0 % 7) - 3) }
        let document = try #require(SVGDocument.parse(BarChart(title: "t", categoryLabel: "minute", valueLabel: "v", bars: bars).svg()))
        let labels = document.texts.filter { Int($0).map { $0 >= 0 && $0 < 390 } ?? false }
        #expect(labels.count < 80 && labels.contains("0"))
    }

    @Test func longSeriesAreThinnedPerPixelColumnKeepingExtremes() throws {
        let n = 100_000
        let ys = (0..<n).map { $0 == 54_321 ? 10 : sin(Double($0) / 500) }
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [LineSeries(name: "s", xs: (0..<n).map(Double.init), ys: ys)])
        let document = try #require(SVGDocument.parse(chart.svg()))
        let points = try #require(document.named("polyline").first?.attributes["points"]).split(separator: " ")
        #expect(points.count <= 4 * 800 && points.count > 700)
        let top = points.compactMap { Double($0.split(separator: ",")[1]) }.min()
        #expect(top == 48, "the one-point spike survives and reaches the top tick (10)")
    }

    @Test func reliabilityBinsKnownAnswers() {
        let bins = ReliabilityDiagram.bins(probabilities: [0.05, 0.15, 0.12, 0.95, 1.0, .nan, 1.7],
                                           outcomes: [false, true, false, true, true, true, true], count: 10)
        #expect(bins.map(\.count) == [1, 2, 3])
        #expect(bins[0] == ReliabilityBin(meanPredicted: 0.05, observedFrequency: 0, count: 1))
        #expect(abs(bins[1].meanPredicted - 0.135) < 1e-12 && bins[1].observedFrequency == 0.5)
        #expect(abs(bins[2].meanPredicted - 3.65 / 3) < 1e-12 && bins[2].observedFrequency == 1)
        #expect(ReliabilityDiagram.bins(probabilities: [0.5], outcomes: [true], count: 0).isEmpty)
    }

    @Test func reliabilityDiagramSkipsEmptyBinsAndDashesTheDiagonal() throws {
        let bins = [ReliabilityBin(meanPredicted: 0.8, observedFrequency: 0.7, count: 30),
                    ReliabilityBin(meanPredicted: 0.5, observedFrequency: 0.5, count: 0),
                    ReliabilityBin(meanPredicted: 0.2, observedFrequency: 0.25, count: 10)]
        let document = try #require(SVGDocument.parse(ReliabilityDiagram(title: "c", bins: bins).svg()))
        #expect(document.named("circle").count == 2)
        #expect(document.named("line").contains { $0.attributes["stroke-dasharray"] == "6 4" && $0.attributes["x1"] == "60" })
        let histogram = document.named("rect").filter { $0.attributes["opacity"] == "0.45" }
        #expect(histogram.count == 2)
        // In increasing probability; the fuller bin's bar is three times as tall (of a 52 px range).
        #expect(histogram.map { $0.attributes["height"] } == ["17.3", "52"])
        #expect(document.texts.contains("30"))
    }

    /// Writes one example of each chart for people to look at: `PLOTS_DEMO=/tmp/plots-demo swift test …`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PLOTS_DEMO"] != nil))
    func writeDemoCharts() throws {
        let folder = ProcessInfo.processInfo.environment["PLOTS_DEMO"] ?? "/tmp/plots-demo"
        for chart in Self.allCharts {
            try AtomicFile.write(chart.svg, to: "\(folder)/\(chart.name).svg")
        }
        try AtomicFile.write(LineChart(title: "spy: equity", xLabel: "session date", yLabel: "cumulative return", xAxis: .time,
                                       yUnit: .percent, series: [], emptyNote: "no trades").svg(), to: "\(folder)/empty.svg")
    }
}
