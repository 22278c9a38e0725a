#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Indicators
import MarketKit
import PackKit
import Testing
@testable import ZeroEdge

/// Shared by the adapter suites: the real data beside the repository and a way to run an
/// adapter as the host does (its `open` closure with every parameter, drained).
enum AdapterFixtures {
    static let data: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().path + "/shared/data"
    }()
    static let spyBars = data + "/spy/SPY_1m_2024.csv"
    static let spxwChains = data + "/options/SPXW_eod_chains_2018.csv"
    static let leanChains = data + "/options/lean_spy_chains"

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func run(_ adapter: DataAdapter, _ query: [String: JSON], seed: Int? = 7, params extra: [String: JSON] = [:]) throws -> Frame {
        // The declared defaults (as the host fills them in), then the seed and the test's own.
        var values: [String: JSON] = [:]
        for spec in adapter.info.params where spec.name != "seed" { if let d = spec.defaultJSON { values[spec.name] = try JSON.parse(d) } }
        if let seed { values["seed"] = .number(Double(seed)) }
        let params = Params(values.merging(extra) { $1 })
        let source = try adapter.open(.object(query), params)
        var frames: [Frame] = []
        while let frame = try source.next() { frames.append(frame) }
        return try Frame(concatenating: frames)
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/zeroedge-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        return folder + "/" + name
    }

    /// New York local time on a date, in ns UTC.
    static func newYork(_ date: String, _ hour: Int64, _ minute: Int64) -> Int64 {
        NewYorkCalendar.nanosecondRange(ofDay: MarketDate.parse(date)!).lowerBound + (hour * 60 + minute) * 60_000_000_000
    }

    /// Rows whose bar starts at `hour:minute` New York time.
    static func rows(_ frame: Frame, at hour: Int64, _ minute: Int64) throws -> [Int] {
        let ts = try frame.timestamps()
        return ts.indices.filter { newYork(MarketDate.format(newYorkDate(ts[$0])), hour, minute) == ts[$0] }
    }
}

@Suite struct SimAdapterTests {
    let query: [String: JSON] = ["symbol": .string("SPY"), "start": .string("2024-07-01"), "end": .string("2024-07-03")]

    @Test func returnsAMarketFrameWithTheChainKnownAtTheBar() throws {
        #expect(simAdapter.info.outputs == MarketFrame.outputSpecs)
        #expect(simAdapter.info.causality.availabilityLagNanoseconds == 60_000_000_000)
        let frame = try AdapterFixtures.run(simAdapter, query)
        #expect(frame.columnNames == MarketFrame.outputSpecs.map(\.name))
        #expect(frame.rowCount == 390 + 390 + 210)
        let tenOClock = try AdapterFixtures.rows(frame, at: 9, 59) + AdapterFixtures.rows(frame, at: 10, 0)
        #expect(tenOClock.count == 6)
        for name in MarketFrame.chainColumns {
            let column = try frame.float64(name)
            #expect(tenOClock.allSatisfy { column[$0].isFinite }, "\(name)")
        }
        // The 09:59 bar ends at 10:00, when the 10:00 snapshot is taken: it is 0 s old.
        let age = try frame.float64(MarketFrame.chainAge)
        #expect(try AdapterFixtures.rows(frame, at: 9, 59).allSatisfy { age[$0] == 0 })
    }

    @Test func chainOptionsAndDataset() throws {
        let none = try AdapterFixtures.run(simAdapter, query.merging(["chain": .string("none")]) { $1 })
        #expect(try MarketFrame.chainColumns.allSatisfy { try none.float64($0).allSatisfy(\.isNaN) })
        let rows = try AdapterFixtures.run(simAdapter, query.merging(["dataset": .string("chain")]) { $1 })
        #expect(rows.columnNames == ChainRows.columns)
        #expect(rows.rowCount == (79 + 79 + 43) * 102)
        let expiry = try rows.timestamps("expiry")
        #expect(expiry[0] == AdapterFixtures.newYork("2024-07-01", 16, 0))
        #expect(Set(try rows.utf8("right")) == ["C", "P"])
    }

    @Test func sameSeedSameFrameAndAPreviewMatchesALongerRun() throws {
        let a = try AdapterFixtures.run(simAdapter, query)
        let b = try AdapterFixtures.run(simAdapter, query)
        let other = try AdapterFixtures.run(simAdapter, query, seed: 8)
        let month = try AdapterFixtures.run(simAdapter, ["start": .string("2024-06-03"), "end": .string("2024-07-31")])
        let offset = try #require(try month.timestamps().firstIndex(of: AdapterFixtures.newYork("2024-07-01", 9, 30)))
        for name in MarketFrame.outputSpecs.map(\.name).dropFirst() {
            let x = try a.float64(name), y = try b.float64(name), z = try month.float64(name)
            #expect(x.map(\.bitPattern) == y.map(\.bitPattern), "\(name)")
            #expect((0..<a.rowCount).allSatisfy { x[$0].bitPattern == z[offset + $0].bitPattern }, "\(name)")
        }
        #expect(Array(try a.float64("close")) != Array(try other.float64("close")))
    }

    /// `effects` changes the bars (not the chain's pricing rules); `chain_minutes: 30` gives the
    /// whole-hour rows exactly the chain values of the default 5 minutes.
    @Test func effectsAndChainInterval() throws {
        let planted = try AdapterFixtures.run(simAdapter, query)
        let none = try AdapterFixtures.run(simAdapter, query, params: ["effects": .string("none")])
        #expect(Array(try planted.float64("close")) != Array(try none.float64("close")))
        let error = #expect(throws: ComponentError.self) { try AdapterFixtures.run(simAdapter, query, params: ["effects": .string("strong")]) }
        #expect(error?.message == "effects must be \"none\" or \"default\", got 'strong'")
        let thin = try AdapterFixtures.run(simAdapter, query, params: ["chain_minutes": .number(30)])
        let hours = try (10...15).flatMap { try AdapterFixtures.rows(planted, at: $0 - 1, 59) }
        #expect(hours.count == 6 + 6 + 4)  // 2024-07-03 closes at 13:00
        for name in MarketFrame.chainColumns {
            let a = try planted.float64(name), b = try thin.float64(name)
            #expect(hours.allSatisfy { a[$0].bitPattern == b[$0].bitPattern }, "\(name)")
        }
        // 09:59 + 16 minutes: the 10:00 snapshot is too old and 10:30's not taken yet.
        let stale = try AdapterFixtures.rows(thin, at: 10, 15)
        let pin = try thin.float64(MarketFrame.pinStrike)
        #expect(stale.count == 3 && stale.allSatisfy { pin[$0].isNaN })
    }

    @Test func queryDefaultsAndErrors() throws {
        let q = try AdapterQuery(.object(["start": .string("2024-07-01"), "end": .string("2024-07-03"), "extra": .number(1)]))
        #expect(q.symbol == "SPY" && q.chain == "sim" && q.dataset == "market" && q.source == nil)
        #expect(q.start == MarketDate.parse("2024-07-01") && q.end == MarketDate.parse("2024-07-03"))
        let cases: [([String: JSON], String)] = [
            (["start": .string("2024-13-01"), "end": .string("2024-12-31")], "query 'start' must be a date YYYY-MM-DD, got '2024-13-01'"),
            (["start": .string("2024-01-01")], "query 'end' is required (a date YYYY-MM-DD)"),
            (["start": .string("2024-02-01"), "end": .string("2024-01-01")], "query 'start' (2024-02-01) is after 'end' (2024-01-01)"),
            (["start": .string("2024-01-01"), "end": .string("2024-01-02"), "dataset": .string("bars")], "query 'dataset' must be \"market\" or \"chain\", got 'bars'"),
            (["start": .number(20240101), "end": .string("2024-01-02")], "query 'start' must be a string, got 20240101"),
        ]
        for (json, message) in cases {
            let error = #expect(throws: ComponentError.self) { try AdapterQuery(.object(json)) }
            #expect(error?.message == message)
        }
        let simError = #expect(throws: ComponentError.self) {
            try AdapterFixtures.run(simAdapter, ["start": .string("2019-06-03"), "end": .string("2019-06-04")])
        }
        #expect(simError?.message.contains("2020-01-02") == true)
    }

    /// The host's history fetch may start before the origin: what exists is returned, the same
    /// bars as a query from the origin (the missing history is the host's warm-up).
    @Test func aQueryStartingBeforeTheOriginGetsTheBarsFromIt() throws {
        let early = try AdapterFixtures.run(simAdapter, ["start": .string("2019-12-02"), "end": .string("2020-01-03")])
        let fromOrigin = try AdapterFixtures.run(simAdapter, ["start": .string("2020-01-02"), "end": .string("2020-01-03")])
        #expect(early.rowCount == 780 && early.rowCount == fromOrigin.rowCount)
        #expect(try early.timestamps()[0] == AdapterFixtures.newYork("2020-01-02", 9, 30))
        #expect(Array(try early.float64("close")).map(\.bitPattern) == Array(try fromOrigin.float64("close")).map(\.bitPattern))
    }
}
