import PackKit

/// What a set of trades earned, over the sessions they were chosen from. A session without a
/// trade is a day with return 0, so idle time counts against the Sharpe ratio.
public struct BacktestMetrics: Sendable {
    public let trades: Int
    public let winRate: Double
    /// Per trade, on the stake (after costs).
    public let meanReturn: Double, medianReturn: Double
    /// Daily portfolio returns (sum of stake × outcome), one per session, in order.
    public let days: [Int32]
    public let dailyReturns: [Double]

    public init(_ trades: [Trade], sessions: [Int32], positionSize: Double) {
        self.trades = trades.count
        let outcomes = trades.map(\.outcome)
        winRate = outcomes.isEmpty ? .nan : Double(outcomes.filter { $0 > 0 }.count) / Double(outcomes.count)
        meanReturn = outcomes.isEmpty ? .nan : outcomes.reduce(0, +) / Double(outcomes.count)
        medianReturn = BacktestMetrics.median(outcomes)
        var byDay: [Int32: Double] = [:]
        for t in trades { byDay[t.day, default: 0] += positionSize * t.outcome }
        days = sessions
        dailyReturns = sessions.map { byDay[$0] ?? 0 }
    }

    public var totalReturn: Double { ReturnMetrics.totalReturn(dailyReturns) }
    public var annualReturn: Double { ReturnMetrics.annualReturn(dailyReturns) }
    public var sharpe: Double { ReturnMetrics.sharpe(dailyReturns) }
    public var sortino: Double { ReturnMetrics.sortino(dailyReturns) }
    /// ≤ 0, as empyrical reports it.
    public var maxDrawdown: Double { ReturnMetrics.maxDrawdown(dailyReturns) }
    public var calmar: Double { ReturnMetrics.calmar(dailyReturns) }
    /// Per-session Sharpe, what the deflated Sharpe ratio compares.
    public var dailySharpe: Double { ReturnMetrics.sharpe(dailyReturns, periods: 1) }

    public var json: JSON {
        .object([
            "trades": .number(Double(trades)), "sessions": .number(Double(days.count)),
            "win_rate": .rounded(winRate, 6), "mean_return": .rounded(meanReturn, 6), "median_return": .rounded(medianReturn, 6),
            "total_return": .rounded(totalReturn, 6), "annual_return": .rounded(annualReturn, 6),
            "sharpe": .rounded(sharpe, 6), "sortino": .rounded(sortino, 6),
            "max_drawdown": .rounded(maxDrawdown, 6), "calmar": .rounded(calmar, 6),
        ])
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// Trades by market-local hour: where a model earns and where it loses.
enum HourTable {
    static func json(_ trades: [Trade], positionSize: Double) -> JSON {
        let hours = Set(trades.map(\.hour)).sorted()
        return .array(hours.map { h in
            let outcomes = trades.filter { $0.hour == h }.map(\.outcome)
            return .object([
                "hour": .number(Double(h)), "trades": .number(Double(outcomes.count)),
                "win_rate": .rounded(Double(outcomes.filter { $0 > 0 }.count) / Double(outcomes.count), 6),
                "mean_return": .rounded(outcomes.reduce(0, +) / Double(outcomes.count), 6),
                "pnl": .rounded(positionSize * outcomes.reduce(0, +), 6),
            ])
        })
    }
}
