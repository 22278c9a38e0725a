import Foundation

/// The backtest's SVG plots under `plots/<model>/`, for the best configuration.
public enum BacktestPlots {
    public static let names = ["equity", "drawdown", "hourly_pnl", "calibration", "importance"]

    /// Chart name → SVG text.
    static func render(model: String, best: ConfigurationResult?, predictions: [Prediction], matrix: Matrix,
                       importance: [String: Double]) -> [(String, String)] {
        let label = best.map { "threshold \(String(format: "%.2f", $0.rules.threshold))" } ?? "no trades"
        let xs = best?.metrics.days.map { Double(Int64($0) * 86_400 * 1_000_000_000) } ?? []
        let daily = best?.metrics.dailyReturns ?? []
        let equity = LineChart(title: "\(model): out-of-sample equity (\(label))", xLabel: "session date",
                               yLabel: "cumulative return", xAxis: .time, yUnit: .percent,
                               series: [LineSeries(name: label, xs: xs, ys: ReturnMetrics.cumulativeReturns(daily))], emptyNote: "no trades")
        let drawdown = LineChart(title: "\(model): drawdown (\(label))", xLabel: "session date", yLabel: "drawdown from peak",
                                 xAxis: .time, yUnit: .percent,
                                 series: [LineSeries(name: label, xs: xs, ys: ReturnMetrics.drawdowns(daily))], fillBelowZero: true,
                                 emptyNote: "no trades")
        let trades = best?.trades ?? []
        let stake = best?.rules.positionSize ?? 1
        let hours = Set(trades.map(\.hour)).sorted()
        let hourly = BarChart(title: "\(model): P&L by New York hour (\(label))", categoryLabel: "decision hour (New York)",
                              valueLabel: "P&L, share of equity", unit: .percent,
                              bars: hours.map { h in Bar(String(h), stake * trades.filter { $0.hour == h }.map(\.outcome).reduce(0, +)) },
                              showValues: true, emptyNote: "no trades")
        let hits = predictions.map { matrix.labels[$0.row] == $0.label }
        let calibration = ReliabilityDiagram(title: "\(model): calibration of the top class (out of sample)",
                                             bins: ReliabilityDiagram.bins(probabilities: predictions.map(\.probability), outcomes: hits))
        let ranked = Self.ranked(importance)
        let importanceChart = BarChart(title: "\(model): feature importance (mean gain over folds)", categoryLabel: "feature",
                                       valueLabel: "gain", bars: ranked.map { Bar($0.key, $0.value) }, orientation: .horizontal,
                                       emptyNote: "no splits")
        return zip(names, [equity.svg(), drawdown.svg(), hourly.svg(), calibration.svg(), importanceChart.svg()]).map { ($0, $1) }
    }

    /// Features by importance, largest first (ties by name): the plot's order and the report's.
    static func ranked(_ importance: [String: Double]) -> [(key: String, value: Double)] {
        importance.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }
}
