#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regime bucket every detector stamps on its events, with the shared fixed encoding
/// 0 = range/low-vol, 1 = range/high-vol, 2 = trend/low-vol, 3 = trend/high-vol.
///
/// - trend: |ln(close_i / close_{i−48})| ≥ √48 × the RMS of those 48 one-bar log returns
///   (the 48-bar move is at least one standard deviation of a driftless walk); else range.
/// - high vol: the realised vol (RMS of the last 24 one-bar log returns) is above its own
///   median over the last 288 bars (a day of 5-minute bars); else low vol.
///
/// Windows are summed afresh and the median is an order statistic of exactly its window, so
/// each code depends only on bars i−311...i.
enum MarketState {
    static let trendBars = 48
    static let volBars = 24
    static let medianBars = 288
    /// The first row with a code: the median needs 288 realised vols, the first at row 24.
    static let lookback = volBars + medianBars - 1

    static func codes(close: [Double]) -> [Double] {
        let n = close.count
        var returns = [Double](repeating: .nan, count: n)
        for i in 0..<n { returns[i] = EventRules.logReturn(close, i) }
        func rms(_ i: Int, _ bars: Int) -> Double {
            var sum = 0.0
            for j in (i - bars + 1)...i { sum += returns[j] * returns[j] }
            return (sum / Double(bars)).squareRoot()
        }
        var vol = [Double](repeating: .nan, count: n)
        for i in volBars..<max(n, volBars) { vol[i] = rms(i, volBars) }
        var window = SortedWindow()
        var out = [Double](repeating: .nan, count: n)
        for i in 0..<n {
            window.insert(vol[i])
            if i >= medianBars { window.remove(vol[i - medianBars]) }
            guard i >= lookback, let median = window.median, vol[i].isFinite else { continue }
            let trendRMS = rms(i, trendBars)
            let move = abs(log(close[i] / close[i - trendBars]))
            guard trendRMS.isFinite, move.isFinite else { continue }
            let trend = trendRMS > 0 ? move >= Double(trendBars).squareRoot() * trendRMS : false
            out[i] = (trend ? 2 : 0) + (vol[i] > median ? 1 : 0)
        }
        return out
    }
}

/// The values of a sliding window kept sorted (NaNs counted apart): its median is exact.
struct SortedWindow {
    private var values: [Double] = []
    private var nans = 0

    var median: Double? {
        guard nans == 0, !values.isEmpty else { return nil }
        let mid = values.count / 2
        return values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
    }

    mutating func insert(_ v: Double) {
        if v.isNaN { nans += 1 } else { values.insert(v, at: index(of: v)) }
    }

    mutating func remove(_ v: Double) {
        if v.isNaN { nans -= 1 } else { values.remove(at: index(of: v)) }
    }

    /// The first index whose value is ≥ v.
    private func index(of v: Double) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
