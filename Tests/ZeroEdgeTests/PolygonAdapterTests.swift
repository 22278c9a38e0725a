import Foundation
import MarketKit
import PackHTTP
import PackKit
import Testing
import TestSupport
@testable import ZeroEdge

/// Tests/Fixtures/polygon/server.py on a free local port, for the length of one test.
private final class PolygonFixtureServer {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/polygon")
    static var python: String? { FixtureHTTPServer.python }

    private let server: FixtureHTTPServer
    var base: String { server.base }

    init() throws { server = try FixtureHTTPServer(script: Self.folder.appendingPathComponent("server.py").path) }

    /// What the server saw, in order: path with query, and the Authorization header.
    func requests() throws -> [(path: String, authorization: String?)] {
        guard case .success(let answer) = BlockingHTTP(timeout: 5).get(URL(string: base + "/__requests")!, headers: [:]),
              case .array(let seen) = try JSON.parse(String(decoding: answer.body, as: UTF8.self)) else {
            throw ComponentError("fixture server did not list its requests")
        }
        return seen.map { ($0["path"]?.stringValue ?? "", $0["authorization"]?.stringValue) }
    }

    func stop() { server.stop() }
}

/// Known answers of the recorded responses in Tests/Fixtures/polygon.
private enum Recorded {
    static let key = "pk-test-5c1d9e0a7b"
    static let day = MarketDate.parse("2024-07-01")!
    /// 2024-07-01T13:40:00Z = 09:40 New York, ten minutes into the session.
    static let tenMinutesIn: Int64 = 1_719_841_200_000_000_000
    static let aggs = "/v2/aggs/ticker/SPY/range/1/minute/2024-07-01/2024-07-01"
    static let failures: [(scenario: String, expected: String)] = [
        ("unauthorized", "polygon: unauthorized (HTTP 401) — check POLYGON_API_KEY (server: Unknown API Key)"),
        ("forbidden", "polygon: unauthorized (HTTP 403) — check POLYGON_API_KEY (server: You are not entitled to this data."),
        ("rate-limited", "polygon: rate limited (HTTP 429) after 2 retries — wait or upgrade the plan"),
        ("server-error", "polygon: HTTP 500 from /server-error\(aggs): Internal server error: upstream aggregates store unavailable"),
        ("status-error", "polygon: ERROR from /status-error\(aggs): Could not find aggregates for this ticker and range"),
        ("malformed", "polygon: malformed JSON from /malformed\(aggs): "),
        ("echo-key", "polygon: HTTP 400 from /echo-key\(aggs): Malformed credentials: Bearer <POLYGON_API_KEY>"),
        ("loop", "polygon: pagination loops at /loop\(aggs)"),
        ("redirect", "polygon: HTTP 302 from /redirect\(aggs) redirects to http://localhost:"),
    ]

    static func query(chain: String = "none", dataset: String = "market", on date: String = "2024-07-01") throws -> AdapterQuery {
        try AdapterQuery(.object(["start": .string(date), "end": .string(date), "chain": .string(chain), "dataset": .string(dataset)]))
    }

    /// Runs the adapter against the fixture server (scenario = a path prefix the server switches on).
    static func load(_ server: PolygonFixtureServer, scenario: String = "", chain: String = "none", dataset: String = "market",
                     on date: String = "2024-07-01", now: Int64 = tenMinutesIn,
                     configure: (inout PolygonAdapter.Options) -> Void = { _ in }) throws -> AdapterOutput {
        var options = PolygonAdapter.Options()
        options.baseURL = server.base + (scenario.isEmpty ? "" : "/" + scenario)
        options.retryCap = 0
        configure(&options)
        return try PolygonAdapter.load(query(chain: chain, dataset: dataset, on: date), options, apiKey: key, now: now)
    }

    static func errorText(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return "\(error)" }
        return nil
    }

    static func withServer(_ body: (PolygonFixtureServer) throws -> Void) throws {
        let server = try PolygonFixtureServer()
        defer { server.stop() }
        try body(server)
    }
}

@Suite(.enabled(if: PolygonFixtureServer.python != nil, "python3 is not on PATH: the polygon fixture server cannot run"))
struct PolygonAdapterTests {
    @Test func followsBothPagesKeepsTheSessionAndSendsTheKeyAsBearer() throws {
        try Recorded.withServer { server in
            let frame = try Recorded.load(server).frame
            #expect(frame.columnNames == MarketFrame.outputSpecs.map(\.name))
            // Six bars over two pages; the 09:29 pre-market bar is dropped by the session filter.
            let ts = try frame.timestamps()
            #expect(Array(ts) == (0..<5).map { 1_719_840_600_000_000_000 + Int64($0) * 60_000_000_000 })
            let close = try frame.float64("close"), volume = try frame.float64("volume"), pin = try frame.float64(MarketFrame.pinStrike)
            #expect(Array(close) == [545.505, 545.8, 545.58, 545.62, 545.5])
            #expect(Array(volume) == [1_015_401, 200_171, 127_010, 93_041, 102_503])
            #expect(pin.allSatisfy { $0.isNaN })
            let seen = try server.requests()
            #expect(seen.map(\.path) == [
                "/v2/aggs/ticker/SPY/range/1/minute/2024-07-01/2024-07-01?adjusted=true&sort=asc&limit=50000",
                "/v2/aggs/ticker/SPY/range/1/minute/1719840720000/1719892800000?cursor=bGltaXQ9MyZzb3J0PWFzYyZzdGFydD0xNzE5ODQwNzIwMDAw",
            ])
            #expect(seen.allSatisfy { $0.authorization == "Bearer \(Recorded.key)" && !$0.path.contains(Recorded.key) })
        }
    }

    @Test(arguments: Recorded.failures.indices)
    func failuresSayWhatHappenedWithoutTheKey(_ index: Int) throws {
        let (scenario, expected) = Recorded.failures[index]
        try Recorded.withServer { server in
            let text = Recorded.errorText { _ = try Recorded.load(server, scenario: scenario) }
            #expect(text?.hasPrefix(expected) == true, "\(scenario): \(text ?? "no error")")
            #expect(text?.contains(Recorded.key) == false)
        }
    }

    @Test func rateLimitIsRetriedThenGivesUp() throws {
        try Recorded.withServer { server in
            _ = Recorded.errorText { _ = try Recorded.load(server, scenario: "rate-limited") }
            let seen = try server.requests()
            #expect(seen.count == 3)
        }
    }

    @Test func rateLimitIsRetriedThenSucceeds() throws {
        try Recorded.withServer { server in
            let frame = try Recorded.load(server, scenario: "rate-limited-once").frame
            let seen = try server.requests()
            #expect(frame.rowCount == 5)
            #expect(seen.count == 3)
        }
    }

    @Test func retryWaitHonoursRetryAfterUpToTheCap() throws {
        let client = try PolygonClient(baseURL: "http://127.0.0.1:1", apiKey: Recorded.key, retryCap: 5)
        #expect(client.retryDelay(retryAfter: 3) == 3)
        #expect(client.retryDelay(retryAfter: 120) == 5)
        #expect(client.retryDelay(retryAfter: nil) == 1)
    }

    @Test func nextURLOnAnotherHostIsFetchedFromBaseURL() throws {
        try Recorded.withServer { server in
            let frame = try Recorded.load(server, scenario: "elsewhere").frame
            let seen = try server.requests()
            #expect(frame.rowCount == 5)
            #expect(seen.count == 2)
            #expect(seen.last?.path.hasPrefix("/elsewhere/v2/aggs/ticker/SPY/range/1/minute/1719840720000/") == true)
        }
    }

    @Test func transportFailuresNameHostAndPort() throws {
        var options = PolygonAdapter.Options()
        options.baseURL = "http://127.0.0.1:1"
        let refused = Recorded.errorText { _ = try PolygonAdapter.load(Recorded.query(), options, apiKey: Recorded.key, now: Recorded.tenMinutesIn) }
        #expect(refused?.hasPrefix("polygon: cannot connect to 127.0.0.1:1 (connection refused)") == true, "\(refused ?? "")")
        try Recorded.withServer { server in
            let slow = Recorded.errorText { _ = try Recorded.load(server, scenario: "slow") { $0.timeout = 0.5 } }
            #expect(slow?.hasPrefix("polygon: no answer from 127.0.0.1:\(server.base.split(separator: ":").last!) within 0.5 s") == true, "\(slow ?? "")")
        }
    }

    /// Through the adapter's own entry point, with its declared defaults: without a host there
    /// is no environment service, so no key.
    @Test func missingKeyTellsWhereToSetIt() throws {
        let info = polygonAdapter.info
        #expect(info.outputs == MarketFrame.outputSpecs)
        #expect(info.causality == Causality(availabilityLagNanoseconds: 60_000_000_000))
        var defaults: [String: JSON] = [:]
        for spec in info.params { defaults[spec.name] = try JSON.parse(spec.defaultJSON ?? "null") }
        let query = JSON.object(["start": .string("2024-07-01"), "end": .string("2024-07-01")])
        let text = Recorded.errorText { _ = try polygonAdapter.open(query, Params(defaults)) }
        #expect(text == "polygon: no API key — set POLYGON_API_KEY in the environment or in ./.env (the .env of the folder edgehost runs in; the workspace's is not read)")
    }

    @Test func chainSnapshotDecodesStrikesRightsStampAndSpot() throws {
        let pages = try ["chain-SPY-2024-07-01.json", "chain-SPY-2024-07-01-page2.json"].map {
            try JSONDecoder().decode(OptionChainPage.self, from: Data(contentsOf: PolygonFixtureServer.folder.appendingPathComponent($0)))
        }
        let (snapshot, skipped) = PolygonDecoding.snapshot(pages, expiry: Recorded.day, now: 0, fallbackSpot: .nan)
        #expect(skipped == 0)
        #expect(snapshot.quotes.map(\.strike) == [544, 544, 545, 545, 546, 546, 547, 547])
        #expect(snapshot.quotes.map(\.right) == [.call, .put, .call, .put, .call, .put, .call, .put])
        #expect(snapshot.ts == 1_719_840_800_000_000_000)  // the latest quote: 13:33:20Z
        #expect(snapshot.spot == 545.62 && snapshot.expiry == Recorded.day)
        let put546 = snapshot.quotes[5]
        #expect([put546.bid, put546.ask, put546.iv, put546.delta, put546.gamma, put546.openInterest, put546.volume]
                 == [0.90, 0.92, 0.121, -0.5848, 0.2214, 2980, 3302])
        // Polygon's theta is per day and vega per vol point; MarketKit's per year and per 1.00.
        #expect(put546.theta == -1.2786 * 365 && put546.vega == 0.0577 * 100)
    }

    @Test func todaysSnapshotJoinsTheBarsThatEndAfterIt() throws {
        try Recorded.withServer { server in
            let output = try Recorded.load(server, chain: "polygon")
            let (frame, warnings) = (output.frame, output.warnings)
            #expect(!warnings.contains { $0.contains("no historical") })
            // Stamped 13:33:20Z: the bars starting 13:33 and 13:34 end after it; earlier ones do not.
            let age = try frame.float64(MarketFrame.chainAge)
            #expect(age.map { $0.isNaN ? -1 : $0 } == [-1, -1, -1, 40, 100])
            let values = try MarketFrame.chainColumns.dropFirst().map { try frame.float64($0)[3] }
            // Hand-computed from the recorded chain: pin = most OI (545), ATM = strike nearest 545.62
            // (546; IV = mean of 0.119 and 0.121), most gamma × OI at 545, skew = (4974.07 − 4085.43) / 9059.51.
            let expected = [545, 546, 0.12, 0.52, 0.53, 0.90, 0.92, 545, 0.098089173830616]
            #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(values)")
            let paths = try server.requests().map(\.path)
            #expect(paths.contains("/v3/snapshot/options/SPY?expiration_date=2024-07-01&limit=250"))
            #expect(paths.count == 4)
        }
    }

    @Test func pastDaysGetNoPolygonSnapshot() throws {
        try Recorded.withServer { server in
            let nextDay = Recorded.tenMinutesIn + 86_400_000_000_000
            let none = try Recorded.load(server, chain: "polygon", now: nextDay) { $0.chainFallback = "none" }
            #expect(none.warnings.contains("polygon: no historical intraday chain snapshots at Polygon — 2024-07-01…2024-07-01 use no chain (NaN)"))
            let noAge = try none.frame.float64(MarketFrame.chainAge)
            #expect(noAge.allSatisfy { $0.isNaN })
            // The simulated chain's first snapshot is stamped at the open, so every bar has one.
            let sim = try Recorded.load(server, chain: "polygon", now: nextDay)
            #expect(sim.warnings.contains("polygon: no historical intraday chain snapshots at Polygon — 2024-07-01…2024-07-01 use the simulated chain (seed 7)"))
            let simAge = try sim.frame.float64(MarketFrame.chainAge)
            #expect(simAge.first == 60 && simAge.allSatisfy { $0.isFinite })
            let seen = try server.requests()
            #expect(seen.allSatisfy { !$0.path.hasPrefix("/v3/snapshot") })
        }
    }

    @Test func chainDatasetIsTodaysSnapshotInLongFormat() throws {
        try Recorded.withServer { server in
            let frame = try Recorded.load(server, chain: "polygon", dataset: "chain").frame
            #expect(frame.columnNames == ChainRows.columns)
            let right = try frame.utf8("right"), strike = try frame.float64("strike"), ts = try frame.timestamps()
            #expect(right == ["C", "P", "C", "P", "C", "P", "C", "P"])
            #expect(Array(strike) == [544, 544, 545, 545, 546, 546, 547, 547])
            #expect(ts.allSatisfy { $0 == 1_719_840_800_000_000_000 })
        }
    }

    /// A day without bars (Independence Day) comes back without `results`: zero rows, right columns.
    @Test func emptyResultsGiveAnEmptyMarketFrame() throws {
        try Recorded.withServer { server in
            let frame = try Recorded.load(server, chain: "sim", on: "2024-07-04").frame
            #expect(frame.rowCount == 0)
            #expect(frame.columnNames == MarketFrame.outputSpecs.map(\.name))
        }
    }

    /// A close of 1e300 once reached the chain simulator's strike rounding and trapped; a NaN
    /// (which no JSON allows) fails the decoding. Both are clear errors naming what was wrong.
    @Test func absurdOrNaNCloseIsRefused() throws {
        try Recorded.withServer { server in
            let huge = Recorded.errorText { _ = try Recorded.load(server, scenario: "huge-close", chain: "sim") }
            #expect(huge == "polygon: bar 1 (t=1719840600000 ms) has c=1e+300; prices must be finite and at most 1000000000.0")
            let nan = Recorded.errorText { _ = try Recorded.load(server, scenario: "nan-close", chain: "sim") }
            #expect(nan?.hasPrefix("polygon: malformed JSON from /nan-close\(Recorded.aggs): ") == true, "\(nan ?? "no error")")
        }
    }
}
