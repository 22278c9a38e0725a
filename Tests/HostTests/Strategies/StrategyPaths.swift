@testable import Host

/// Constructed price paths for the strategy backtester's tests: closes that step at chosen
/// bars, each bar opening at the previous close, events flagged where asked.
struct StrategyPath {
    var closes: [Double]
    var opens: [Double]
    var highs: [Double]
    var lows: [Double]
    var flags: [Double]
    let stepMinutes: Int64

    /// `bars` bars from `start`; `steps[i]` is bar i's close from then on.
    init(bars: Int, start: Double = 100, steps: [Int: Double] = [:], events: [Int] = [], stepMinutes: Int64 = 5) {
        var price = start
        let closes = (0..<bars).map { i in
            if let p = steps[i] { price = p }
            return price
        }
        let opens = closes.indices.map { $0 == 0 ? closes[0] : closes[$0 - 1] }
        self.closes = closes
        self.opens = opens
        highs = zip(opens, closes).map { max($0, $1) }
        lows = zip(opens, closes).map { min($0, $1) }
        flags = (0..<bars).map { events.contains($0) ? 1 : 0 }
        self.stepMinutes = stepMinutes
    }

    func bars(_ symbol: String = "BTCUSDT") throws -> StrategyBars {
        try StrategyBars(symbol: symbol, ts: closes.indices.map { Int64($0) * stepMinutes * 60_000_000_000 }, open: opens, high: highs,
                         low: lows, close: closes, volume: closes.map { _ in 10 }, flag: flags, state: closes.map { _ in 0 })
    }
}

extension StrategyRiskRules {
    /// No fees, no slippage, no controls: only what a test turns on.
    static var plain: StrategyRiskRules {
        var r = StrategyRiskRules()
        r.takerFeeBps = 0
        return r
    }
}

extension StrategyBlueprint {
    static func test(verb: Verb = .continue, horizon: Int = 1, stopBps: Double = 2_000, state: Int? = nil) -> StrategyBlueprint {
        StrategyBlueprint(name: "test", eventType: "VOL_SHOCK", verb: verb, state: state, horizonBars: horizon, stopBps: stopBps)
    }
}
