import Indicators
import MarketKit
import PackKit
@testable import ZeroEdge

/// Synthetic market frames with known values, built bar by bar, and small helpers to run
/// components on them with their declared defaults.
struct MarketFrames {
    /// The chain columns of one bar; NaN (no snapshot) unless given.
    struct Chain {
        var pin = Double.nan, atm = Double.nan, iv = Double.nan
        var callBid = Double.nan, callAsk = Double.nan, putBid = Double.nan, putAsk = Double.nan
        var gammaPeak = Double.nan, gammaSkew = Double.nan, age = Double.nan

        /// In the order of `MarketFrame.chainColumns`.
        var values: [Double] { [age, pin, atm, iv, callBid, callAsk, putBid, putAsk, gammaPeak, gammaSkew] }
    }

    private(set) var ts: [Int64] = []
    private var bars: [[Double]] = [[], [], [], [], []]
    private var chains: [[Double]] = MarketFrame.chainColumns.map { _ in [] }

    /// Appends the bar starting at `hour:minute` New York time on `date` ("YYYY-MM-DD").
    mutating func add(_ date: String, _ hour: Int, _ minute: Int, open: Double, high: Double, low: Double,
                      close: Double, volume: Double = 1_000, chain: Chain = Chain()) {
        ts.append(Self.instant(date, hour, minute))
        for (c, v) in [open, high, low, close, volume].enumerated() { bars[c].append(v) }
        for (c, v) in chain.values.enumerated() { chains[c].append(v) }
    }

    /// Appends a session of `bars` 1-minute bars from 09:30 whose closes are `close(k)` for bar k;
    /// each bar opens at the previous close (the first at `close(0)`), high/low ±0.05.
    mutating func session(_ date: String, bars count: Int = 390, skipping: Set<Int> = [],
                          close: (Int) -> Double, chain: (Int) -> Chain = { _ in Chain() }) {
        var previous = close(0)
        for k in 0..<count where !skipping.contains(k) {
            let c = close(k)
            add(date, 9 + (30 + k) / 60, (30 + k) % 60, open: previous, high: max(previous, c) + 0.05,
                low: min(previous, c) - 0.05, close: c, chain: chain(k))
            previous = c
        }
    }

    func frame() throws -> Frame {
        let names = MarketFrame.barColumns.dropFirst()
        return try Frame([.timestamp("ts", ts)] + zip(names, bars).map { Column.float64($0, $1) }
                         + zip(MarketFrame.chainColumns, chains).map { Column.float64($0, $1) })
    }

    /// The instant of wall-clock `hour:minute` in New York on `date`, computed independently of
    /// the pack: EDT (UTC−4) from 2024-03-10 to 2024-11-03, EST (UTC−5) otherwise, 2024 only.
    static func instant(_ date: String, _ hour: Int, _ minute: Int) -> Int64 {
        let p = date.split(separator: "-").map { Int64($0)! }
        precondition(p[0] == 2024, "the test clock knows 2024's DST dates only")
        let day = NewYorkCalendar.days(year: p[0], month: p[1], day: p[2])
        let summer = day >= NewYorkCalendar.days(year: 2024, month: 3, day: 10)
            && day < NewYorkCalendar.days(year: 2024, month: 11, day: 3)
        let utcHour = Int64(hour) + (summer ? 4 : 5)
        return ((day * 24 + utcHour) * 60 + Int64(minute)) * 60_000_000_000
    }

    /// `info`'s declared defaults with `overrides` on top, as the host completes parameters.
    static func params(_ info: ComponentInfo, _ overrides: [String: JSON] = [:]) throws -> Params {
        var values: [String: JSON] = [:]
        for spec in info.params {
            if let text = spec.defaultJSON { values[spec.name] = try JSON.parse(text) }
        }
        return Params(values.merging(overrides) { $1 })
    }

    /// The `value` column of `indicator` run on `frame`.
    static func run(_ indicator: Indicator, _ frame: Frame, _ overrides: [String: JSON] = [:]) throws -> [Double] {
        Array(try indicator.compute(frame, params(indicator.info, overrides)).float64("value"))
    }

    /// The zeroedge indicator with this id.
    static func indicator(_ id: String) -> Indicator {
        ZeroEdge.indicators.first { $0.info.id == id }!
    }

    /// Equal within `tolerance` (relative to the larger magnitude), NaN only with NaN.
    static func approximatelyEqual(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.isNaN ? y.isNaN : !y.isNaN && abs(x - y) <= tolerance * max(1, abs(x), abs(y))
        }
    }
}
