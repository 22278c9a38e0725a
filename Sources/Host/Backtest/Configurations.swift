import Foundation
import PackKit

/// One trading configuration (threshold × top-%) evaluated on the out-of-sample predictions.
public struct ConfigurationResult: Sendable {
    public let rules: TradeRules
    public let trades: [Trade]
    public let metrics: BacktestMetrics
    /// Per fold, the metrics over its own test sessions.
    public let folds: [(fold: Int, metrics: BacktestMetrics)]
    /// Deflated Sharpe ratio given every configuration of this backtest.
    public var deflatedSharpe = Double.nan

    /// Sample standard deviation of the fold Sharpe ratios (NaN with fewer than 2 finite ones).
    public var foldSharpeSpread: Double {
        let s = folds.map(\.metrics.sharpe).filter(\.isFinite)
        guard s.count >= 2 else { return .nan }
        return ReturnMetrics.sampleVariance(s).squareRoot()
    }

    init(_ oos: OutOfSample, _ matrix: Matrix, actions: ActionMap, rules: TradeRules, sessions: [Int32], foldSessions: [Int: [Int32]]) {
        self.rules = rules
        let trades = TradeSelector.trades(oos.predictions, matrix, actions: actions, rules: rules, inSample: oos.inSample)
        self.trades = trades
        metrics = BacktestMetrics(trades, sessions: sessions, positionSize: rules.positionSize)
        folds = foldSessions.keys.sorted().map { k in
            (k, BacktestMetrics(trades.filter { $0.fold == k }, sessions: foldSessions[k]!, positionSize: rules.positionSize))
        }
    }

    /// Deflates each result's Sharpe by all of them: the number of configurations tried and the
    /// spread of their Sharpe ratios. A configuration that never trades counts as Sharpe 0.
    static func deflate(_ results: inout [ConfigurationResult]) {
        let trials = results.map { $0.metrics.dailySharpe.isFinite ? $0.metrics.dailySharpe : 0 }
        for i in results.indices {
            results[i].deflatedSharpe = results[i].metrics.trades == 0 ? .nan
                : DeflatedSharpe.deflated(returns: results[i].metrics.dailyReturns, trialSharpes: trials)
        }
    }

    /// The best by Sharpe ratio among the configurations with at least `minTrades` trades; when
    /// none has that many, the best of those that traded, with `fellBack` set. nil when none traded.
    static func best(_ results: [ConfigurationResult], minTrades: Int) -> (result: ConfigurationResult, fellBack: Bool)? {
        bestIndex(results.map { ($0.rules.threshold, $0.metrics.trades, $0.metrics.sharpe) }, minTrades: minTrades)
            .map { (results[$0.index], $0.fellBack) }
    }

    /// Higher Sharpe first (a finite one before none), ties to the lower threshold. A single
    /// lucky trade must not beat a threshold that trades enough to judge, hence `minTrades`.
    static func bestIndex(_ candidates: [(threshold: Double, trades: Int, sharpe: Double)], minTrades: Int) -> (index: Int, fellBack: Bool)? {
        func pick(_ pool: [Int]) -> Int? {
            pool.filter { candidates[$0].sharpe.isFinite }.min { a, b in
                let (x, y) = (candidates[a], candidates[b])
                return x.sharpe != y.sharpe ? x.sharpe > y.sharpe : x.threshold < y.threshold
            } ?? pool.first
        }
        let traded = candidates.indices.filter { candidates[$0].trades > 0 }
        if let enough = pick(traded.filter { candidates[$0].trades >= minTrades }) { return (enough, false) }
        return pick(traded).map { ($0, true) }
    }

    var json: JSON {
        var o: [String: JSON] = [
            "threshold": .number(rules.threshold), "top_pct": rules.topPct.map(JSON.number) ?? .null,
            "metrics": metrics.json, "deflated_sharpe": .rounded(deflatedSharpe, 6),
            "fold_sharpe_spread": .rounded(foldSharpeSpread, 6),
            "folds": .array(folds.map { .object(["fold": .number(Double($0.fold)), "metrics": $0.metrics.json]) }),
            "hours": HourTable.json(trades, positionSize: rules.positionSize),
        ]
        if let cap = rules.maxTradesPerDay { o["max_trades_per_day"] = .number(Double(cap)) }
        o["position_size"] = .number(rules.positionSize)
        return .object(o)
    }
}
