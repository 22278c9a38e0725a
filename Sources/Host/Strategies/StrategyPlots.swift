/// A strategy's equity and drawdown curves as SVG, through the host's line charts.
enum StrategyPlots {
    /// (equity, drawdown) SVG text, daily closing equity.
    static func render(_ run: StrategyRun) -> (equity: String, drawdown: String) {
        let days = run.dailyEquity
        let xs = days.map { Double($0.day * 86_400_000_000_000) }
        let returns = run.dailyReturns
        let name = run.blueprint.name
        let equity = LineChart(title: "\(name): equity (daily close)", xLabel: "UTC date", yLabel: "cumulative return",
                               xAxis: .time, yUnit: .percent,
                               series: [LineSeries(name: name, xs: xs, ys: ReturnMetrics.cumulativeReturns(returns))], emptyNote: "no bars")
        let drawdown = LineChart(title: "\(name): drawdown", xLabel: "UTC date", yLabel: "drawdown from peak", xAxis: .time,
                                 yUnit: .percent, series: [LineSeries(name: name, xs: xs, ys: ReturnMetrics.drawdowns(returns))],
                                 fillBelowZero: true, emptyNote: "no bars")
        return (equity.svg(), drawdown.svg())
    }
}
