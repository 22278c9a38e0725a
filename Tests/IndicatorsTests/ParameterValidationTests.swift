import Indicators
import Testing

/// Invalid parameters and buffer shapes throw `IndicatorError` naming the indicator and the
/// parameter, and never crash.
@Suite("Parameter validation")
struct ParameterValidationTests {
    let x: [Double] = [1, 2, 3, 4, 5]

    func expectInvalid(_ indicator: String, _ parameter: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("\(indicator) accepted an invalid \(parameter)")
        } catch let error as IndicatorError {
            #expect(error.code == .invalidParameter)
            #expect(error.indicator == indicator)
            #expect(error.message.contains("'\(parameter)'"), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func periodsBelowTheMinimum() {
        expectInvalid("sma", "period") { _ = try sma(x, period: 1) }
        expectInvalid("sma", "period") { _ = try sma(x, period: -3) }
        expectInvalid("ema", "period") { _ = try ema(x, period: 0) }
        expectInvalid("rsi", "period") { _ = try rsi(x, period: 1) }
        expectInvalid("atr", "period") { _ = try atr(high: x, low: x, close: x, period: 0) }
        expectInvalid("bollinger", "period") { _ = try bollinger(x, period: 1, nbDevUp: 2, nbDevDown: 2) }
        expectInvalid("macd", "fast") { _ = try macd(x, fast: 1, slow: 26, signal: 9) }
        expectInvalid("macd", "slow") { _ = try macd(x, fast: 12, slow: 0, signal: 9) }
        expectInvalid("macd", "signal") { _ = try macd(x, fast: 12, slow: 26, signal: 0) }
        expectInvalid("zscore", "period") { _ = try rollingZScore(x, period: 1) }
        expectInvalid("realized_vol", "period") { _ = try realizedVolatility(x, period: 0) }
    }

    @Test func periodsAboveTheMaximumAndNonFiniteDeviations() {
        expectInvalid("sma", "period") { _ = try sma(x, period: 100_001) }
        expectInvalid("bollinger", "nbdev_up") { _ = try bollinger(x, period: 2, nbDevUp: .nan, nbDevDown: 2) }
        expectInvalid("bollinger", "nbdev_down") { _ = try bollinger(x, period: 2, nbDevUp: 2, nbDevDown: .infinity) }
    }

    @Test func mismatchedLengths() {
        #expect(throws: IndicatorError.self) { try atr(high: [1, 2], low: [1], close: [1, 2], period: 1) }
        #expect(throws: IndicatorError.self) { try sessionVWAP(ts: [0, 1], high: [1, 2], low: [1, 2], close: [1, 2], volume: [1]) }
        var out = [Double](repeating: 0, count: 3)
        let error = x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                #expect(throws: IndicatorError.self) { try sma(xs, period: 2, into: o) }
            }
        }
        #expect(error?.code == .lengthMismatch)
        #expect(out == [0, 0, 0], "nothing is written when the call is rejected")
    }

    @Test func overlappingBuffersAreRejected() {
        var values: [Double] = [1, 2, 3, 4, 5, 6]
        values.withUnsafeMutableBufferPointer { buffer in
            let error = #expect(throws: IndicatorError.self) {
                try ema(UnsafeBufferPointer(buffer), period: 2, into: buffer)
            }
            #expect(error?.code == .overlappingBuffers)
            let half = UnsafeMutableBufferPointer(rebasing: buffer[3...])
            #expect(throws: IndicatorError.self) {
                try macd(UnsafeBufferPointer(rebasing: buffer[..<3]), fast: 2, slow: 3, signal: 1,
                         macdOut: half, signalOut: half, histogramOut: half)
            }
        }
    }

    @Test func errorDescriptionNamesIndicatorAndRange() {
        let error = #expect(throws: IndicatorError.self) { _ = try rsi(x, period: 1) }
        #expect(error?.description == "rsi: parameter 'period' must be an integer in 2...100000 (got 1)")
    }
}
