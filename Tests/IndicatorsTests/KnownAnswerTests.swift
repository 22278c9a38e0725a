import Foundation
import Indicators
import Testing

/// Tiny series whose answers can be worked out by hand.
@Suite("Known answers")
struct KnownAnswerTests {
    let nan = Double.nan

    @Test func smaOfOneToFive() throws {
        #expect(sameSeries(try sma([1, 2, 3, 4, 5], period: 3), [nan, nan, 2, 3, 4]))
    }

    @Test func smaSkipsLeadingNaNsLikePythonTalib() throws {
        #expect(sameSeries(try sma([nan, 1, 2, 3], period: 2), [nan, nan, 1.5, 2.5]))
        #expect(sameSeries(try sma([nan, nan], period: 2), [nan, nan]))
        #expect(try sma([], period: 2).isEmpty)
    }

    @Test func emaIsSeededWithTheSMA() throws {
        // k = 2 / (3 + 1) = 0.5; seed = mean(1, 2, 3) = 2; then 2 + (10 − 2)/2 = 6, 6 + (5 − 6)/2 = 5.5.
        #expect(sameSeries(try ema([1, 2, 3, 10, 5], period: 3), [nan, nan, 2, 6, 5.5]))
    }

    @Test func rsiOfMonotoneAndFlatSeries() throws {
        let rising = try rsi((1...30).map(Double.init), period: 14)
        #expect(rising[..<14].allSatisfy { $0.isNaN })
        #expect(rising[14...].allSatisfy { $0 == 100 })
        #expect(try rsi((1...30).reversed().map(Double.init), period: 14)[14...].allSatisfy { $0 == 0 })
        // No movement at all: TA-Lib reports 0, not NaN.
        #expect(try rsi([Double](repeating: 7, count: 20), period: 14)[14...].allSatisfy { $0 == 0 })
    }

    @Test func rsiWilderSmoothing() throws {
        // Changes +1, −1, +1. First averages 0.5 / 0.5 → 50; then gain (0.5·1 + 1)/2 = 0.75,
        // loss 0.5·1/2 = 0.25 → 75.
        #expect(sameSeries(try rsi([1, 2, 1, 2], period: 2), [nan, nan, 50, 75]))
    }

    @Test func atrUsesTrueRangeAndWilderSmoothing() throws {
        // TR = 3, 2, 3 (from row 1); ATR = (3 + 2)/2 = 2.5, then (2.5 + 3)/2 = 2.75.
        let values = try atr(high: [10, 12, 11, 13], low: [8, 9, 9, 10], close: [9, 11, 10, 12], period: 2)
        #expect(sameSeries(values, [nan, nan, 2.5, 2.75]))
    }

    @Test func bollingerUsesPopulationDeviation() throws {
        // Windows (1, 3) and (3, 5): means 2 and 4, population deviation 1.
        let bands = try bollinger([1, 3, 5], period: 2, nbDevUp: 2, nbDevDown: 1)
        #expect(sameSeries(bands.middle, [nan, 2, 4]))
        #expect(sameSeries(bands.upper, [nan, 4, 6]))
        #expect(sameSeries(bands.lower, [nan, 1, 3]))
        let flat = try bollinger([5, 5, 5, 5], period: 3, nbDevUp: 2, nbDevDown: 2)
        #expect(flat.upper[2...] == flat.lower[2...])
    }

    @Test func macdStartsBothEMAsAtTheSlowLookback() throws {
        // fast 2 / slow 3 / signal 2. Slow EMA (k = 1/2) starts at row 2 with mean(1, 2, 4);
        // TA-Lib starts the fast EMA (k = 2/3) there too, with mean(2, 4), not at row 1.
        let x: [Double] = [1, 2, 4, 8, 16, 32]
        var slow = (1.0 + 2 + 4) / 3, fast = (2.0 + 4) / 2
        var line = [nan, nan, fast - slow]
        for value in x[3...] {
            slow += (value - slow) * 0.5
            fast += (value - fast) * (2.0 / 3)
            line.append(fast - slow)
        }
        var signal = (line[2] + line[3]) / 2
        var signals = [nan, nan, nan, signal]
        for value in line[4...] {
            signal += (value - signal) * (2.0 / 3)
            signals.append(signal)
        }
        let result = try macd(x, fast: 2, slow: 3, signal: 2)
        line[2] = nan  // before the lookback (3) the line is hidden, as in TA-Lib
        #expect(sameSeries(result.macd, line))
        #expect(sameSeries(result.signal, signals))
        #expect(sameSeries(result.histogram, zip(line, signals).map { $0 - $1 }))
    }

    @Test func macdLookbackIs33ForDefaults() throws {
        let result = try macd((0..<100).map { 100 + sin(Double($0)) }, fast: 12, slow: 26, signal: 9)
        #expect(result.macd.firstIndex { !$0.isNaN } == 33)
        #expect(result.signal.firstIndex { !$0.isNaN } == 33)
        #expect(result.histogram.firstIndex { !$0.isNaN } == 33)
        // TA-Lib swaps fast and slow when given in the wrong order.
        let swapped = try macd((0..<100).map { 100 + sin(Double($0)) }, fast: 26, slow: 12, signal: 9)
        #expect(sameSeries(swapped.macd, result.macd, tolerance: 0))
    }

    @Test func zScoreIsNaNWhereTheWindowIsFlat() throws {
        // Windows (1, 3), (3, 5): z = 1; (5, 5): deviation 0 → NaN.
        #expect(sameSeries(try rollingZScore([1, 3, 5, 5, 5], period: 2), [nan, 1, 1, nan, nan]))
    }

    @Test func logReturnsOfOneAndE() throws {
        let r = try logReturns([1, M_E])
        #expect(r[0].isNaN)
        #expect(abs(r[1] - 1) < 1e-15)
    }

    @Test func realizedVolatilityIsRootSumOfSquares() throws {
        // Returns ln 2, 0, 0, ln 2: windows of 2 → ln 2, 0 (exactly), ln 2.
        let vol = try realizedVolatility([1, 2, 2, 2, 4], period: 2)
        #expect(sameSeries(vol, [nan, nan, log(2), 0, log(2)], tolerance: 1e-15))
        #expect(vol[3] == 0, "a window of zero returns must give exactly 0")
        #expect(sameSeries(try realizedVolatility([1, M_E, 1], period: 1), [nan, 1, 1], tolerance: 1e-15))
    }

    @Test func lookbacksMatchLeadingNaNs() throws {
        let x = (0..<200).map { 100 + 3 * sin(Double($0) / 7) + Double($0 % 5) }
        let cases: [(String, [Double], Int)] = [
            ("sma", try sma(x, period: 20), Lookback.sma(period: 20)),
            ("ema", try ema(x, period: 20), Lookback.ema(period: 20)),
            ("rsi", try rsi(x, period: 14), Lookback.rsi(period: 14)),
            ("atr", try atr(high: x.map { $0 + 1 }, low: x.map { $0 - 1 }, close: x, period: 14), Lookback.atr(period: 14)),
            ("bollinger", try bollinger(x, period: 20, nbDevUp: 2, nbDevDown: 2).upper, Lookback.bollinger(period: 20)),
            ("macd", try macd(x, fast: 12, slow: 26, signal: 9).histogram, Lookback.macd(fast: 12, slow: 26, signal: 9)),
            ("zscore", try rollingZScore(x, period: 20), Lookback.rollingZScore(period: 20)),
            ("log_return", try logReturns(x), Lookback.logReturns()),
            ("realized_vol", try realizedVolatility(x, period: 30), Lookback.realizedVolatility(period: 30)),
        ]
        #expect(Lookback.macd(fast: 12, slow: 26, signal: 9) == 33)
        for (name, values, lookback) in cases {
            #expect(values.firstIndex { !$0.isNaN } == lookback, "\(name)")
            #expect(values[lookback...].allSatisfy { !$0.isNaN }, "\(name)")
        }
    }

    @Test func seriesShorterThanTheLookbackAreAllNaN() throws {
        #expect(try sma([1, 2], period: 3).allSatisfy { $0.isNaN })
        #expect(try rsi([1, 2, 3], period: 3).allSatisfy { $0.isNaN })
        #expect(try macd([1, 2, 3], fast: 12, slow: 26, signal: 9).signal.allSatisfy { $0.isNaN })
        #expect(try realizedVolatility([1, 2, 3], period: 3).allSatisfy { $0.isNaN })
    }
}
