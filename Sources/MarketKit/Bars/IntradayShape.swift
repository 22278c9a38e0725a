#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PackKit

/// The U-shaped profile of a simulated session: minute volatility and volume are highest at the
/// open, lowest at midday and rise again into the close.
struct IntradayShape {
    /// Share of the day's open-to-close variance in each minute (sums to 1).
    let variance: [Double]
    /// Share of the day's volume in each minute (sums to 1).
    let volume: [Double]

    init(minutes: Int) {
        func position(_ i: Int) -> Double { (Double(i) + 0.5) / Double(minutes) }
        let sd = (0..<minutes).map { i -> Double in
            let u = position(i)
            return 0.7 + 1.6 * exp(-u / 0.06) + 0.6 * exp(-(1 - u) / 0.08)
        }
        let v = sd.map { $0 * $0 }
        let vTotal = v.reduce(0, +)
        variance = v.map { $0 / vTotal }
        let w = (0..<minutes).map { i -> Double in
            let u = position(i)
            return 0.6 + 2.5 * exp(-u / 0.05) + 3.0 * exp(-(1 - u) / 0.03)
        }
        let wTotal = w.reduce(0, +)
        volume = w.map { $0 / wTotal }
    }

    /// A full session's shape, built once: the labeler prices every cycle's decisions on it,
    /// and building it costs four exponentials a minute.
    static let regularSession = IntradayShape(minutes: 390)

    /// The shape of a `minutes`-long session: `regularSession` for 390, else built.
    static func of(minutes: Int) -> IntradayShape {
        minutes == 390 ? regularSession : IntradayShape(minutes: minutes)
    }

    /// Share of the session's expected variance still to come after `minutes` have elapsed
    /// (1 at the open, 0 at the close): the trading-time clock 0DTE options are priced on.
    func remainingVariance(afterMinutes elapsed: Int) -> Double {
        variance[min(max(elapsed, 0), variance.count)...].reduce(0, +)
    }

    /// A planted pull of the log price toward `logTarget`: from minute `from` on, each minute's
    /// return gains `rate` × (logTarget − the previous close), an Ornstein–Uhlenbeck step that
    /// depends only on the past, so a feature that knows the target can see it coming.
    struct Pull {
        var logTarget: Double
        var rate: Double
        var from: Int
    }

    /// Appends the day's bars. Minute log returns are independent normals with the profile's
    /// variances, conditioned on their sum being the day's open-to-close return (a Brownian
    /// bridge with uneven steps: each minute takes its variance's share of the correction).
    /// A `pull` is added on top, so the day may close away from the walk's close (the next
    /// open is drawn from the walk's close: the overnight gap absorbs the difference).
    func appendBars(of day: BarSimulator.Day, random: inout SeededRandom, pull: Pull? = nil,
                    ts: inout [Int64], ohlcv: inout [[Double]]) {
        let n = variance.count
        var steps = [Double](repeating: 0, count: n)
        var sum = 0.0
        let dayVariance = day.vol * day.vol
        for i in 0..<n {
            steps[i] = (dayVariance * variance[i]).squareRoot() * random.normal()
            sum += steps[i]
        }
        let correction = (day.logClose - day.logOpen) - sum
        var logPrice = day.logOpen, pulled = 0.0
        var open = Self.cents(exp(logPrice))
        for i in 0..<n {
            let sd = (dayVariance * variance[i]).squareRoot()
            if let pull, i >= pull.from { pulled += pull.rate * (pull.logTarget - (logPrice + pulled)) }
            logPrice += steps[i] + variance[i] * correction
            let close = Self.cents(exp(logPrice + pulled))
            let top = max(open, close), bottom = min(open, close)
            let high = max(top, Self.cents(top * exp(0.5 * sd * abs(random.normal()))))
            let low = min(bottom, Self.cents(bottom * exp(-0.5 * sd * abs(random.normal()))))
            // Volume follows the profile, with more shares on bigger moves.
            let surprise = abs(steps[i] + variance[i] * correction) / max(sd, 1e-12)
            let shares = (day.volume * volume[i] * exp(0.3 * random.normal() - 0.045) * (0.6 + 0.5 * surprise)).rounded()
            ts.append(day.session.open + Int64(i) * MarketFrame.bar)
            ohlcv[0].append(open)
            ohlcv[1].append(high)
            ohlcv[2].append(low)
            ohlcv[3].append(close)
            ohlcv[4].append(max(100, shares))
            open = close
        }
    }

    @inline(__always)
    static func cents(_ price: Double) -> Double { (price * 100).rounded() / 100 }
}
