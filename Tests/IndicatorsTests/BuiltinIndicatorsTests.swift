import Foundation
import Indicators
import Testing

@Suite("Built-in registry")
struct BuiltinIndicatorsTests {
    let x: [Double] = (0..<120).map { (i: Int) -> Double in 100 + 2 * sin(Double(i) / 5) + Double(i % 7) / 10 }
    var columns: [String: [Double]] {
        ["open": x, "high": x.map { $0 + 0.5 }, "low": x.map { $0 - 0.5 }, "close": x, "volume": x.map { $0 * 10 }]
    }
    var ts: [Int64] { (0..<Int64(x.count)).map { 1_717_421_400_000_000_000 + $0 * 3_600_000_000_000 } }

    @Test func describesEveryIndicator() throws {
        let ids = BuiltinIndicators.all.map(\.id)
        #expect(ids == ["sma", "ema", "rsi", "atr", "bollinger", "macd", "vwap", "zscore", "log_return", "realized_vol"])
        for indicator in BuiltinIndicators.all {
            #expect(indicator.version == "1.0.0")
            #expect(!indicator.summary.isEmpty)
            #expect(!indicator.inputs.isEmpty)
            #expect(Set(indicator.inputs).isSubset(of: ["ts", "open", "high", "low", "close", "volume"]))
            for parameter in indicator.parameters {
                #expect(parameter.min <= parameter.defaultValue && parameter.defaultValue <= parameter.max, "\(indicator.id)")
            }
        }
        #expect(BuiltinIndicators.named("bollinger")?.outputs == ["upper", "middle", "lower"])
        #expect(BuiltinIndicators.named("macd")?.outputs == ["macd", "signal", "hist"])
        #expect(BuiltinIndicators.named("vwap")?.inputs == ["ts", "high", "low", "close", "volume"])
        #expect(BuiltinIndicators.named("sma")?.outputs == ["value"])
        #expect(BuiltinIndicators.named("nope") == nil)
    }

    @Test func defaultsAndLookbacks() throws {
        let expected = ["sma": 19, "ema": 19, "rsi": 14, "atr": 14, "bollinger": 19, "macd": 33, "vwap": 0,
                        "zscore": 19, "log_return": 1, "realized_vol": 30]
        for indicator in BuiltinIndicators.all {
            #expect(try indicator.lookback() == expected[indicator.id], "\(indicator.id)")
        }
        let macd = try #require(BuiltinIndicators.named("macd"))
        #expect(try macd.lookback(["fast": 5, "slow": 10, "signal": 3]) == 11)
        #expect(try macd.resolve([:]) == ["fast": 12, "slow": 26, "signal": 9])
    }

    @Test func leadingNaNsMatchTheLookback() throws {
        for indicator in BuiltinIndicators.all {
            let lookback = try indicator.lookback()
            for output in try indicator.compute(ts: ts, columns: columns) {
                #expect(output.firstIndex { !$0.isNaN } == lookback, "\(indicator.id)")
            }
        }
    }

    @Test func registryAgreesWithTheFunctions() throws {
        func run(_ id: String, _ params: [String: Double] = [:]) throws -> [[Double]] {
            try #require(BuiltinIndicators.named(id)).compute(ts: ts, columns: columns, params: params)
        }
        func same(_ a: [[Double]], _ b: [[Double]]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { sameSeries($0, $1, tolerance: 0) }
        }
        let (high, low, volume) = (columns["high"]!, columns["low"]!, columns["volume"]!)
        #expect(same(try run("sma", ["period": 5]), [try sma(x, period: 5)]))
        #expect(same(try run("ema", ["period": 8]), [try ema(x, period: 8)]))
        #expect(same(try run("rsi", ["period": 9]), [try rsi(x, period: 9)]))
        #expect(same(try run("atr"), [try atr(high: high, low: low, close: x, period: 14)]))
        let bands = try bollinger(x, period: 10, nbDevUp: 1.5, nbDevDown: 2.5)
        #expect(same(try run("bollinger", ["period": 10, "nbdev_up": 1.5, "nbdev_down": 2.5]),
                     [bands.upper, bands.middle, bands.lower]))
        let m = try macd(x, fast: 12, slow: 26, signal: 9)
        #expect(same(try run("macd"), [m.macd, m.signal, m.histogram]))
        #expect(same(try run("vwap"), [try sessionVWAP(ts: ts, high: high, low: low, close: x, volume: volume)]))
        #expect(same(try run("zscore", ["period": 12]), [try rollingZScore(x, period: 12)]))
        #expect(same(try run("log_return"), [try logReturns(x)]))
        #expect(same(try run("realized_vol", ["period": 7]), [try realizedVolatility(x, period: 7)]))
    }

    @Test func rejectsBadCalls() throws {
        let sma = try #require(BuiltinIndicators.named("sma"))
        let unknown = #expect(throws: IndicatorError.self) { _ = try sma.compute(columns: columns, params: ["periods": 5]) }
        #expect(unknown?.code == .unknownParameter)
        let fractional = #expect(throws: IndicatorError.self) { _ = try sma.compute(columns: columns, params: ["period": 2.5]) }
        #expect(fractional?.code == .invalidParameter)
        let missing = #expect(throws: IndicatorError.self) { _ = try sma.compute(columns: ["open": x]) }
        #expect(missing?.code == .missingInput)
        let vwap = try #require(BuiltinIndicators.named("vwap"))
        let noTimestamps = #expect(throws: IndicatorError.self) { _ = try vwap.compute(columns: columns) }
        #expect(noTimestamps?.code == .missingInput)
        var out = [Double](repeating: 0, count: x.count)
        try x.withUnsafeBufferPointer { close in
            try out.withUnsafeMutableBufferPointer { o in
                let wrongCount = #expect(throws: IndicatorError.self) {
                    try BuiltinIndicators.named("macd")!.compute(columns: ["close": close], outputs: [o])
                }
                #expect(wrongCount?.code == .outputCount)
                try sma.compute(columns: ["close": close], params: ["period": 3], outputs: [o])
            }
        }
        #expect(out[2] == (x[0] + x[1] + x[2]) / 3)
    }
}
