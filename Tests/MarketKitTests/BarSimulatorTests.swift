import Indicators
import MarketKit
import PackKit
import Testing

@Suite struct BarSimulatorTests {
    static let year = Result { try BarSimulator(seed: 7).bars(from: day("2024-01-01"), through: day("2024-12-31")) }

    func columns(_ f: Frame) throws -> [[Double]] {
        try ["open", "high", "low", "close", "volume"].map { Array(try f.float64($0)) }
    }

    @Test func sameSeedSameBitsOtherSeedOtherBits() throws {
        let a = try BarSimulator(seed: 7).bars(from: day("2024-03-04"), through: day("2024-03-08"))
        let b = try BarSimulator(seed: 7).bars(from: day("2024-03-04"), through: day("2024-03-08"))
        let c = try BarSimulator(seed: 8).bars(from: day("2024-03-04"), through: day("2024-03-08"))
        #expect(Array(try a.timestamps()) == Array(try b.timestamps()))
        #expect(try columns(a).map { $0.map(\.bitPattern) } == columns(b).map { $0.map(\.bitPattern) })
        #expect(try columns(a)[3] != columns(c)[3])
    }

    @Test func aDayIsTheSameWhateverTheRange() throws {
        let year = try Self.year.get()
        let short = try BarSimulator(seed: 7).bars(from: day("2024-07-01"), through: day("2024-07-03"))
        let ts = Array(try year.timestamps())
        let start = try #require(ts.firstIndex(of: newYork("2024-07-01", 9, 30)))
        #expect(short.rowCount == 390 + 390 + 210)
        #expect(Array(ts[start..<(start + short.rowCount)]) == Array(try short.timestamps()))
        let yearColumns = try columns(year), shortColumns = try columns(short)
        for c in 0..<5 { #expect(Array(yearColumns[c][start..<(start + short.rowCount)]) == shortColumns[c]) }
    }

    @Test func sessionsHolidaysAndDaylightSaving() throws {
        let year = try Self.year.get()
        let ts = Array(try year.timestamps())
        #expect(year.rowCount == 249 * 390 + 3 * 210)
        #expect(year.columnNames == MarketFrame.barColumns)
        var perDay: [Int32: [Int64]] = [:]
        for t in ts { perDay[newYorkDate(t), default: []].append(t) }
        #expect(perDay.count == 252)
        #expect(perDay[day("2024-07-04")] == nil && perDay[day("2024-03-29")] == nil)
        #expect(perDay[day("2024-03-08")]?.first == utc("2024-03-08T14:30:00Z"))
        #expect(perDay[day("2024-03-11")]?.first == utc("2024-03-11T13:30:00Z"))
        #expect(perDay[day("2024-11-01")]?.first == utc("2024-11-01T13:30:00Z"))
        #expect(perDay[day("2024-11-04")]?.first == utc("2024-11-04T14:30:00Z"))
        #expect(perDay[day("2024-11-29")]?.last == newYork("2024-11-29", 12, 59))
        #expect(zip(ts, ts.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func barsAreConsistentAndPlausible() throws {
        let c = try columns(try Self.year.get())
        let (open, high, low, close, volume) = (c[0], c[1], c[2], c[3], c[4])
        for i in open.indices {
            #expect(low[i] <= min(open[i], close[i]) && high[i] >= max(open[i], close[i]) && volume[i] > 0)
            guard low[i] > 0, isCents(open[i]), isCents(high[i]), isCents(low[i]), isCents(close[i]) else { Issue.record("row \(i)"); return }
        }
        // 2024 stays near SPY's level.
        #expect(close.min()! > 430 && close.max()! < 680)
        // Daily open-to-close volatility near 1 %.
        let ts = try Self.year.get().timestamps()
        var dayOpen: [Int32: Double] = [:], dayClose: [Int32: Double] = [:]
        for i in open.indices {
            let d = newYorkDate(ts[i])
            if dayOpen[d] == nil { dayOpen[d] = open[i] }
            dayClose[d] = close[i]
        }
        let returns = dayOpen.keys.map { log(dayClose[$0]! / dayOpen[$0]!) }
        let sd = (returns.map { $0 * $0 }.reduce(0, +) / Double(returns.count)).squareRoot()
        #expect(sd > 0.006 && sd < 0.014)
    }

    @Test func intradayProfileIsUShaped() throws {
        let year = try Self.year.get()
        let ts = try year.timestamps(), close = try year.float64("close"), open = try year.float64("open")
        let volume = try year.float64("volume")
        var moves = [Double](repeating: 0, count: 3), shares = [Double](repeating: 0, count: 3), counts = [0.0, 0, 0]
        for i in 0..<year.rowCount {
            guard let s = NYSECalendar.session(on: newYorkDate(ts[i])), !s.isEarlyClose else { continue }
            let minute = Int((ts[i] - s.open) / 60_000_000_000)
            let bucket = minute < 30 ? 0 : minute >= 360 ? 2 : (165..<225).contains(minute) ? 1 : -1
            guard bucket >= 0 else { continue }
            moves[bucket] += abs(log(close[i] / open[i]))
            shares[bucket] += volume[i]
            counts[bucket] += 1
        }
        let m = (0..<3).map { moves[$0] / counts[$0] }, v = (0..<3).map { shares[$0] / counts[$0] }
        #expect(m[0] > 1.3 * m[1] && m[2] > 1.1 * m[1], "\(m)")
        #expect(v[0] > 1.5 * v[1] && v[2] > 1.5 * v[1], "\(v)")
    }

    @Test func beforeTheOriginIsAnError() {
        let error = #expect(throws: ComponentError.self) { try BarSimulator(seed: 1).bars(from: day("2019-12-30"), through: day("2020-01-03")) }
        #expect(error?.message.contains("2020-01-02") == true)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
