import Indicators

/// When an out-of-sample prediction becomes a trade, and how much it stakes.
public struct TradeRules: Sendable {
    public var threshold: Double
    /// New York hours that may trade; empty = all.
    public var allowedHours: [Int] = []
    /// Only predictions at least as confident as the fold's top `topPct` share of its own
    /// training-row probabilities (a cut known before the test block starts).
    public var topPct: Double?
    /// The first trades of a session, in time order, up to this many.
    public var maxTradesPerDay: Int?
    /// Fraction of equity staked per trade: a day's return is the sum of stake × outcome.
    public var positionSize: Double = 1

    public init(threshold: Double, allowedHours: [Int] = [], topPct: Double? = nil, maxTradesPerDay: Int? = nil, positionSize: Double = 1) {
        self.threshold = threshold
        self.allowedHours = allowedHours
        self.topPct = topPct
        self.maxTradesPerDay = maxTradesPerDay
        self.positionSize = positionSize
    }
}

/// One trade: the predicted class's action, and the labeler's realised outcome of it.
public struct Trade: Sendable {
    public let row: Int
    public let ts: Int64
    public let day: Int32
    public let hour: Int
    public let fold: Int
    public let label: String
    public let action: String
    public let probability: Double
    /// Return on the stake (after the labeler's costs), e.g. +1.4 = the premium gained 140 %.
    public let outcome: Double
}

enum TradeSelector {
    /// The trades `rules` take from `predictions`, in time order. A class whose action is
    /// `none`, or whose outcome is unknown (NaN: no quote at the decision), does not trade.
    static func trades(_ predictions: [Prediction], _ matrix: Matrix, actions: ActionMap, rules: TradeRules,
                       inSample: [Int: [Double]]) -> [Trade] {
        let hours = Set(rules.allowedHours)
        let cutoffs = rules.topPct.map { pct in inSample.mapValues { quantileCut($0, topShare: pct) } } ?? [:]
        let column = Dictionary(uniqueKeysWithValues: matrix.outcomeNames.enumerated().map { ($1, $0) })
        var trades: [Trade] = []
        var perDay: [Int32: Int] = [:]
        for p in predictions.sorted(by: { matrix.ts[$0.row] < matrix.ts[$1.row] }) {
            let ts = matrix.ts[p.row]
            let hour = matrix.market.hour(ts)
            guard p.probability >= rules.threshold, hours.isEmpty || hours.contains(hour),
                  let action = actions.action(p.label), let c = column["outcome_\(action)"] else { continue }
            if let cut = cutoffs[p.fold], p.probability < cut { continue }
            let outcome = matrix.outcomes[c][p.row]
            guard outcome.isFinite else { continue }
            let day = matrix.market.day(ts)
            if let cap = rules.maxTradesPerDay {
                guard perDay[day, default: 0] < cap else { continue }
            }
            perDay[day, default: 0] += 1
            trades.append(Trade(row: p.row, ts: ts, day: day, hour: hour, fold: p.fold, label: p.label, action: action,
                                probability: p.probability, outcome: outcome))
        }
        return trades
    }

    /// The smallest probability inside the top `topShare` of `values` (at least one value).
    static func quantileCut(_ values: [Double], topShare: Double) -> Double {
        guard !values.isEmpty else { return .infinity }
        let sorted = values.sorted(by: >)
        let keep = min(sorted.count, max(1, Int((Double(sorted.count) * topShare).rounded(.up))))
        return sorted[keep - 1]
    }
}
