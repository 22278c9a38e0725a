#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indicators
import MarketKit
import PackKit
import Testing

/// Buying 0DTE options at the ask must not win on average: with trading-time pricing and a
/// variance risk premium, the mean outcome per trade held to the close is negative but small
/// (docs/data.md, "Option-pricing conventions").
@Suite struct FairChainTests {
    /// A decision: the ATM quotes of the snapshot at a whole New York hour, and the session's close.
    struct Decision {
        var hour: Int
        var spot, strike, callAsk, putAsk, impliedVariance, close: Double
        var call: Double { max(close - strike, 0) / callAsk - 1 }
        var put: Double { max(strike - close, 0) / putAsk - 1 }
        var straddle: Double { (max(close - strike, 0) + max(strike - close, 0)) / (callAsk + putAsk) - 1 }
    }

    /// The decisions at 10:00…15:00 New York (whole hours before the close) on `bars`.
    static func decisions(bars: Frame, seed: UInt64) throws -> [Decision] {
        let ts = try bars.timestamps(), close = try bars.float64("close")
        var lastClose: [Int32: Double] = [:]
        for i in 0..<bars.rowCount { lastClose[newYorkDate(ts[i])] = close[i] }
        var result: [Decision] = []
        try ChainSimulator(seed: seed).forEachSnapshot(for: bars, every: 30) { s in
            let session = NYSECalendar.session(on: s.expiry)!
            let minute = Int((s.ts - session.open) / MarketFrame.bar)
            guard minute % 60 == 30, s.ts < session.close, let end = lastClose[s.expiry] else { return }
            let summary = ChainSummary(s)
            guard summary.atmCallAsk > 0.01, summary.atmPutAsk > 0.01 else { return }
            let years = ChainSimulator.tradingYears(session: session, at: s.ts)
            result.append(Decision(hour: 10 + minute / 60, spot: s.spot, strike: summary.atmStrike, callAsk: summary.atmCallAsk,
                                   putAsk: summary.atmPutAsk, impliedVariance: summary.atmIV * summary.atmIV * years, close: end))
        }
        return result
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    /// Three seeds × simulated 2025 without planted effects, pooled per decision hour: every
    /// hour's mean outcome of the call, the put and the straddle is in (−25 %, 0).
    @Test func buyingAtTheAskLosesALittleAtEveryHour() throws {
        var all: [Decision] = []
        for seed in [1, 2, 3] as [UInt64] {
            let bars = try BarSimulator(seed: seed).bars(from: day("2025-01-02"), through: day("2025-12-31"))
            all += try Self.decisions(bars: bars, seed: seed)
        }
        #expect(all.count > 4400)
        for hour in 10...15 {
            let at = all.filter { $0.hour == hour }
            let means = [Self.mean(at.map(\.call)), Self.mean(at.map(\.put)), Self.mean(at.map(\.straddle))]
            print("hour \(hour) n \(at.count) call/put/straddle \(means)")
            for value in means { #expect(value < 0 && value > -0.25, "hour \(hour): call, put, straddle \(means)") }
        }
    }

    /// Real SPY bars (2024-03-26…12-31) with the simulated chain: realised variance to the close
    /// over implied variance to the close, summed over every decision, is near 1 / (1 + premium).
    @Test(.enabled(if: SharedData.exists(SharedData.spyBars), "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func realisedOverImpliedVarianceOnRealBars() throws {
        let (bars, _) = try RegularSession.filter(try MinuteBarsFile.read(path: SharedData.spyBars))
        let all = try Self.decisions(bars: bars, seed: 7)
        let realised = all.reduce(0) { $0 + pow(log($1.close / $1.spot), 2) }
        let implied = all.reduce(0) { $0 + $1.impliedVariance }
        let ratio = realised / implied
        print("real SPY decisions \(all.count) realised/implied \(ratio) (1/(1+premium) = \(1 / (1 + ChainSimulator.varianceRiskPremium)))")
        #expect(all.count > 1100)
        #expect(abs(ratio - 1 / (1 + ChainSimulator.varianceRiskPremium)) < 0.25, "ratio \(ratio)")
    }
}
