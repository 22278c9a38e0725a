import PackKit
import Testing
@testable import ZeroEdge

/// Every feature, computed on a prefix of the data, equals bit for bit what it is on all the
/// data: no value looks at a later row (the host checks the same at a few cuts; this checks
/// many, around every session boundary and inside the opening range).
@Suite struct CausalFeatureTests {
    /// Seven sessions around the March DST switch and the July half day, a random walk with
    /// gaps, and a chain that is missing for the first minutes of each session and now and then.
    static func history() throws -> Frame {
        var rng = SeededRandom(seed: 11)
        var f = MarketFrames()
        var price = 510.0
        for (date, bars) in [("2024-03-07", 390), ("2024-03-08", 390), ("2024-03-11", 390), ("2024-03-12", 390),
                             ("2024-07-02", 390), ("2024-07-03", 210), ("2024-07-05", 390)] {
            price *= 1 + 0.004 * rng.normal()
            let gaps = Set((0..<4).map { _ in Int(rng.next() % UInt64(bars)) })
            var walk: [Double] = []
            for _ in 0..<bars {
                price *= 1 + 0.0007 * rng.normal()
                walk.append(price)
            }
            f.session(date, bars: bars, skipping: gaps, close: { walk[$0] }) { k in
                guard k >= 3, rng.uniform() > 0.05 else { return MarketFrames.Chain() }
                let spot = walk[k]
                return MarketFrames.Chain(pin: (spot / 5).rounded() * 5, atm: spot.rounded(), iv: 0.12 + 0.02 * rng.uniform(),
                                          callBid: 1.1, callAsk: 1.2, putBid: 1.0, putAsk: 1.1,
                                          gammaPeak: spot.rounded() + 2, gammaSkew: rng.uniform() * 2 - 1, age: 30)
            }
        }
        return try f.frame()
    }

    /// Prefix lengths: every 37th row, and every row near a session start and near 09:45.
    static func cuts(_ frame: Frame) throws -> [Int] {
        let ts = try frame.timestamps()
        var cuts = Set(stride(from: 1, to: ts.count, by: 37))
        for i in 1..<ts.count where NewYorkClock.minuteOfDay(ts[i]) < NewYorkClock.openMinute + 17 {
            cuts.insert(i)
        }
        return cuts.sorted()
    }

    static let settings: [(String, [String: JSON])] = ZeroEdge.indicators.map { ($0.info.id, [:]) }
        + [("open_gap_z", ["period": .number(2)]), ("first15m_range_z", ["period": .number(2)]),
           ("realized_vol", ["period": .number(5), "annualize": .bool(false)])]

    @Test(arguments: settings.indices)
    func valuesDoNotChangeWhenTheFutureIsRemoved(_ setting: Int) throws {
        let (id, overrides) = Self.settings[setting]
        let frame = try Self.history()
        let indicator = MarketFrames.indicator(id)
        let full = try MarketFrames.run(indicator, frame, overrides)
        #expect(full.count == frame.rowCount)
        #expect(full.contains { $0.isFinite } || overrides.isEmpty, "\(id) \(overrides) never produced a value")
        for cut in try Self.cuts(frame) {
            let prefix = try MarketFrames.run(indicator, frame.prefix(rows: cut), overrides)
            let changed = (0..<cut).first { !Self.sameBits(prefix[$0], full[$0]) }
            #expect(changed == nil, "\(id) \(overrides): row \(changed ?? 0) changed when cut at \(cut)")
            if changed != nil { return }
        }
    }

    static func sameBits(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
}
