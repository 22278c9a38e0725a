import Foundation
import PackKit

/// What one strategy did over the bars: its trades, the signals it dropped and why, and its
/// equity; the figures are computed here from those, with the host's `ReturnMetrics`.
public struct StrategyRun: Sendable {
    public let blueprint: StrategyBlueprint
    public let rules: StrategyRiskRules
    public let trades: [StrategyTrade]
    public let drops: [StrategyDrop]
    public let equity: [EquityPoint]
    /// Share of timestamps with a position open at their close.
    public let exposure: Double

    /// Crypto trades every day of the year.
    public static let periodsPerYear = 365

    /// Dropped signals by reason; every reason present, zeros included.
    public var dropsByReason: [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: StrategyDrop.Reason.allCases.map { ($0.rawValue, 0) })
        for d in drops { counts[d.reason.rawValue, default: 0] += 1 }
        return counts
    }

    /// UTC days with their closing equity, in order.
    public var dailyEquity: [(day: Int64, equity: Double)] {
        var out: [(day: Int64, equity: Double)] = []
        for p in equity {
            let day = StrategyEngine.day(p.ts)
            if let last = out.last, last.day == day { out[out.count - 1].equity = p.equity } else { out.append((day, p.equity)) }
        }
        return out
    }

    /// Simple returns of the closing equity day over day (the first day against the starting balance).
    public var dailyReturns: [Double] {
        var previous = rules.startingBalanceUSD
        return dailyEquity.map { d in
            defer { previous = d.equity }
            return d.equity / previous - 1
        }
    }

    public var winRate: Double { trades.isEmpty ? .nan : Double(trades.filter { $0.pnl > 0 }.count) / Double(trades.count) }
    /// Mean net P&L per trade, USD, after fees and slippage.
    public var expectancyUSD: Double { trades.isEmpty ? .nan : trades.reduce(0) { $0 + $1.pnl } / Double(trades.count) }
    /// Mean net return per trade on its entry notional.
    public var expectancyReturn: Double { trades.isEmpty ? .nan : trades.reduce(0) { $0 + $1.returnOnNotional } / Double(trades.count) }
    /// Traded notional (both fills) per day, over the starting balance.
    public var turnover: Double {
        let days = dailyEquity.count
        return days == 0 ? .nan : trades.reduce(0) { $0 + $1.notional } / rules.startingBalanceUSD / Double(days)
    }
    public var finalEquity: Double { equity.last?.equity ?? rules.startingBalanceUSD }
    public var totalReturn: Double { finalEquity / rules.startingBalanceUSD - 1 }
    public var sharpe: Double { ReturnMetrics.sharpe(dailyReturns, periods: Self.periodsPerYear) }
    public var sortino: Double { ReturnMetrics.sortino(dailyReturns, periods: Self.periodsPerYear) }
    /// ≤ 0, on daily closing equity.
    public var maxDrawdown: Double { ReturnMetrics.maxDrawdown(dailyReturns) }
    public var calmar: Double { ReturnMetrics.calmar(dailyReturns, periods: Self.periodsPerYear) }

    public var metricsJSON: JSON {
        .object([
            "trades": .number(Double(trades.count)), "win_rate": .rounded(winRate, 6), "expectancy_usd": .rounded(expectancyUSD, 6),
            "expectancy_return": .rounded(expectancyReturn, 8), "total_return": .rounded(totalReturn, 8), "sharpe": .rounded(sharpe, 6),
            "sortino": .rounded(sortino, 6), "max_drawdown": .rounded(maxDrawdown, 8), "calmar": .rounded(calmar, 6),
            "turnover": .rounded(turnover, 6), "exposure": .rounded(exposure, 6), "days": .number(Double(dailyEquity.count)),
            "final_equity_usd": .rounded(finalEquity, 6),
        ])
    }
}
