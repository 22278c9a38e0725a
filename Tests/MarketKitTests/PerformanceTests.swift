import MarketKit
import PackKit
import Testing

#if DEBUG
let isOptimized = false
#else
let isOptimized = true
#endif

/// The budgets the adapters rely on (a year of data inside an interactive preview). Timed in
/// optimised builds only: a debug build is 10–50× slower and says nothing about them. Each
/// budget is several times the time measured on the 2-core reference machine.
@Suite(.enabled(if: isOptimized, "timed in release builds only (swift test -c release)"))
struct PerformanceTests {
    func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<3 {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    @Test func simulatedYearAndItsChains() throws {
        let simulator = BarSimulator(seed: 7)
        var bars = Frame()
        let barTime = try time { bars = try simulator.bars(from: day("2024-01-01"), through: day("2024-12-31")) }
        var count = 0
        let chainTime = try time { count = try ChainSimulator(seed: 7).snapshots(for: bars).count }
        print("release timings: sim year \(Int(barTime * 1e3)) ms (\(bars.rowCount) bars); chain year \(Int(chainTime * 1e3)) ms (\(count) snapshots)")
        #expect(barTime < 0.1)
        #expect(chainTime < 0.5)
    }

    @Test(.enabled(if: SharedData.exists(SharedData.spyBars), "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func realChainsOnRealBarsAndTheCSVRead() throws {
        var bars = Frame()
        let readTime = try time { bars = try MinuteBarsFile.read(path: SharedData.spyBars) }
        let session = try RegularSession.filter(bars).bars
        var count = 0
        let chainTime = try time { count = try ChainSimulator(seed: 7).snapshots(for: session).count }
        print("release timings: csv read \(Int(readTime * 1e3)) ms (\(bars.rowCount) rows); chain on SPY 2024 \(Int(chainTime * 1e3)) ms (\(count) snapshots)")
        #expect(readTime < 0.05)
        #expect(chainTime < 0.5)
    }
}
