#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Indicators
import MarketKit
import PackKit
import Testing

/// The planted effects are in the bars, weak, and visible to the features docs/data.md names.
@Suite struct MarketEffectsTests {
    /// Per session: the opening chain's pin strike, the opening gap, and log prices at the open,
    /// at the bar ending 180 minutes before the close and at the close.
    struct Session { var pin, gap, open, before, close: Double }

    static func sessions(seed: UInt64, effects: MarketEffects) throws -> [Session] {
        let bars = try BarSimulator(seed: seed, effects: effects).bars(from: day("2023-01-03"), through: day("2024-12-31"))
        let ts = try bars.timestamps(), open = try bars.float64("open"), close = try bars.float64("close")
        var pins: [Int32: Double] = [:]
        // Only the opening snapshot: its pin is what a feature sees from 09:30 on.
        try ChainSimulator(seed: seed).forEachSnapshot(for: bars, every: 391) { pins[$0.expiry] = ChainSummary($0).pinStrike }
        var result: [Session] = [], first = 0, previousClose = Double.nan
        while first < bars.rowCount {
            var end = first
            while end < bars.rowCount, newYorkDate(ts[end]) == newYorkDate(ts[first]) { end += 1 }
            let pin = try #require(pins[newYorkDate(ts[first])])
            result.append(Session(pin: log(pin), gap: log(open[first]) - previousClose, open: log(open[first]),
                                  before: log(close[end - 181]), close: log(close[end - 1])))
            previousClose = log(close[end - 1])
            first = end
        }
        return result
    }

    /// Least-squares slope of y on x.
    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }, sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        return sxy / sxx
    }

    @Test func noneIsTheEffectFreeSimulation() throws {
        let plain = try BarSimulator(seed: 5).bars(from: day("2024-07-01"), through: day("2024-07-03"))
        let none = try BarSimulator(seed: 5, effects: .none).bars(from: day("2024-07-01"), through: day("2024-07-03"))
        let planted = try BarSimulator(seed: 5, effects: .standard).bars(from: day("2024-07-01"), through: day("2024-07-03"))
        #expect(Array(try plain.float64("close")) == Array(try none.float64("close")))
        #expect(Array(try plain.float64("close")) != Array(try planted.float64("close")))
    }

    /// Two simulated years: the return over the last three hours leans toward the morning's pin
    /// (slope on the distance ≈ −(1 − (1 − 0.001)^180) = −0.165), not without effects. The gap
    /// fade is too weak to see unpaired in two years (the session's noise is twice the gap's), so
    /// it is measured on the same random draws: planted minus plain open-to-close ≈ −0.2 × gap.
    @Test func thePinPullsAndTheGapFades() throws {
        let planted = try Self.sessions(seed: 11, effects: .standard), plain = try Self.sessions(seed: 11, effects: .none)
        func pinSlope(_ days: [Session]) -> Double { Self.slope(days.map { $0.before - $0.pin }, days.map { $0.close - $0.before }) }
        let paired = zip(planted, plain).filter { $0.0.gap.isFinite }
        let gap = Self.slope(paired.map(\.0.gap), paired.map { ($0.0.close - $0.0.open) - ($0.1.close - $0.1.open) })
        print("pin slope \(pinSlope(planted)) (none \(pinSlope(plain))), paired gap slope \(gap), \(planted.count) sessions")
        #expect((-0.30 ... -0.08).contains(pinSlope(planted)))
        #expect((-0.08 ... 0.12).contains(pinSlope(plain)))
        #expect((-0.25 ... -0.12).contains(gap))
    }
}
