import Foundation
import MarketKit
import PackHTTP
import PackKit
import Testing
import TestSupport
@testable import ZeroDTEPut

/// The `alpaca` adapter against Tests/Fixtures/alpaca/server.py (Alpaca's formats, made-up
/// prices) on 127.0.0.1: pages, the ladder, retries, and errors that never show a key.
@Suite struct AlpacaAdapterTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/alpaca/server.py").path
    static let keyID = "AKTEST0123456789ABCD"
    static let secret = "sEcReT-test-0123456789abcdefghijklmnop"
    static let query: JSON = .object(["start": .string("2024-07-01"), "end": .string("2024-07-01"), "symbol": .string("SPX")])
    /// 2024-07-01T13:30:00Z, the session's open, and the bar the chain snapshot (17:00:00.26Z) falls in.
    static let open: Int64 = 1_719_840_600_000_000_000
    static let snapshotBar = 210

    /// A client of the fixture server for `scenario`, with waits short enough for a test.
    static func client(_ base: String, scenario: String = "", keyID: String? = keyID, secret: String? = secret) throws -> AlpacaClient {
        try AlpacaClient(baseURL: base + (scenario.isEmpty ? "" : "/\(scenario)"), keyID: keyID, secret: secret, timeout: 5,
                         maxRetries: 2, retryCap: 0.05)
    }

    /// The message of the error `body` throws (it must throw).
    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch let error as ComponentError { return error.message } catch { return "\(error)" }
        Issue.record("expected an error")
        return ""
    }

    @Test func readsTwoPagesOfBarsAndPutsTheChainSnapshotOnItsBar() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        defer { server.stop() }
        let client = try Self.client(server.base)
        let (bars, warnings) = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), client)
        #expect(bars.count == 390)
        #expect(bars.ts.first == Self.open && bars.ts.last == Self.open + 389 * 60_000_000_000)
        #expect(bars.close[0] == 545.02 * 10 && bars.open[0] == 544.97 * 10 && bars.volume[0] == 1200)
        // The newest quote, 17:00:00.26Z, falls in the 17:00 bar (index 210 from 13:30), known at 17:01.
        let i = try #require((0..<bars.count).first { !bars.quote(1, "strike", $0).isNaN })
        #expect(i == Self.snapshotBar && bars.ts[i] == Self.open + 210 * 60_000_000_000)
        #expect((0..<bars.count).filter { !bars.quote(1, "bid", $0).isNaN } == [i])
        // Known answers of the fixture: spot 545.40 x 10; per rung the listed strike nearest spot x (1 - 0.5 % j).
        #expect(abs(bars.close[i] - 5454) < 1e-9)
        #expect(PutLadder.rungs.map { bars.quote($0, "strike", i) } == [5425, 5400, 5370, 5345, 5320, 5290])
        #expect(PutLadder.rungs.map { bars.quote($0, "bid", i) } == [1.85, 0.22, 0.05, 0.05, 0.05, 0.05])
        #expect(PutLadder.rungs.map { bars.quote($0, "ask", i) } == [2.12, 0.44, 0.17, 0.15, 0.15, 0.15])
        #expect(bars.atmIV[i] == 0.11)
        #expect(bars.quote(1, "bid", i) < bars.quote(1, "ask", i) && bars.quote(1, "delta", i) < 0 && bars.quote(1, "theta", i) < 0)
        #expect(!bars.atmIV[i].isNaN && bars.forward[i].isNaN)
        // The pack's labeler reads the frame as it reads the sim's: decisions only at the snapshot.
        let rows = LadderScanner(rules: BreachRules(), bars: try PutBars(try bars.frame())).scan()
        #expect(rows.count > 0 && Set(rows.ts) == [bars.ts[i] + 60_000_000_000], "\(rows.ts) \(rows.key)")
        #expect(rows.key.contains("P005425") && Set(rows.key).isSubset(of: ["P005425", "P005400", "P005370", "P005345", "P005320", "P005290"]), "\(rows.key)")
        #expect(warnings.contains { $0.contains("SPX is an index and Alpaca serves no index bars: the path is SPY 1-minute bars (feed iex) x 10") })
        #expect(warnings.contains { $0.contains("latest state only") })
        #expect(client.health.requests == 4 && client.health.pages == 4 && client.health.retries == 0 && client.health.pendingPages == 0)
        #expect(client.health.lastEventNs == 1_719_863_940_000_000_000)  // the newest event: the last bar (19:59Z), after the quote (17:00Z)
    }

    @Test func aRateLimitIsWaitedOutAndCounted() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        defer { server.stop() }
        let client = try Self.client(server.base, scenario: "rate-limited-once")
        let (bars, _) = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), client)
        #expect(bars.count == 390)
        #expect(client.health.retries == 1 && client.health.requests == 5 && client.health.pages == 4)
        let always = try Self.client(server.base, scenario: "rate-limited")
        #expect(Self.message { _ = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), always) }
            == "alpaca: rate limited (HTTP 429) on /rate-limited/v2/stocks/bars after 2 retries (Alpaca 42910000: rate limit exceeded) — "
            + "the plan's requests per minute are spent; wait for the next minute")
    }

    @Test func theWaitFollowsRetryAfterThenTheResetHeaderAndIsCapped() {
        #expect(AlpacaClient.retryDelay(retryAfter: 2, reset: 1_000, now: 990, cap: 10) == 2)
        #expect(AlpacaClient.retryDelay(retryAfter: nil, reset: 1_000, now: 997.5, cap: 10) == 2.5)
        #expect(AlpacaClient.retryDelay(retryAfter: nil, reset: 1_000, now: 900, cap: 10) == 10)
        #expect(AlpacaClient.retryDelay(retryAfter: nil, reset: 1_000, now: 1_001, cap: 10) == 0)
        #expect(AlpacaClient.retryDelay(retryAfter: nil, reset: nil, now: 0, cap: 0.05) == 0.05)
    }

    @Test func unauthorizedNamesTheVariablesNotTheKeys() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        defer { server.stop() }
        let wrong = "wrong-secret-9f8e7d6c5b4a"
        let text = Self.message { _ = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), try Self.client(server.base, secret: wrong)) }
        #expect(text == "alpaca: unauthorized (HTTP 401) on /v2/stocks/bars (Alpaca 40110000: request is not authorized) — check APCA_API_KEY_ID and APCA_API_SECRET_KEY")
        #expect(!text.contains(Self.keyID) && !text.contains(wrong))
        // A server that echoes the secret back: scrubbed.
        let echoed = Self.message { _ = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), try Self.client(server.base, scenario: "echo-key")) }
        #expect(echoed == "alpaca: HTTP 422 on /echo-key/v2/stocks/bars (Alpaca 42210000: invalid secret <APCA_API_SECRET_KEY>)")
        #expect(Self.message { _ = try Self.client(server.base, keyID: nil) }
            == "alpaca: no API key — set APCA_API_KEY_ID in the environment or in ./.env (the .env of the folder edgehost runs in)")
        #expect(Self.message { _ = try Self.client(server.base, keyID: "", secret: nil) }.contains("set APCA_API_KEY_ID and APCA_API_SECRET_KEY"))
    }

    @Test func serverErrorsAreRetriedABoundedNumberOfTimes() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        defer { server.stop() }
        let once = try Self.client(server.base, scenario: "server-error-once")
        #expect(try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), once).bars.count == 390)
        #expect(once.health.retries == 1)
        let always = try Self.client(server.base, scenario: "server-error")
        #expect(Self.message { _ = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), always) }
            == "alpaca: HTTP 500 on /server-error/v2/stocks/bars after 2 retries (Alpaca 50010000: internal server error occurred) — Alpaca is failing; try later")
        #expect(always.health.requests == 3)
    }

    @Test func malformedJSONNamesTheEndpointPageAndByte() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        defer { server.stop() }
        let text = Self.message { _ = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), try Self.client(server.base, scenario: "malformed")) }
        #expect(text.hasPrefix("alpaca: malformed JSON from /v2/stocks/bars (page 2, "), "\(text)")
        // The body is cut in half on one line: the parser stops at its last byte.
        let parts = text.split(separator: " ")
        let size = Int(parts[parts.firstIndex(of: "2,")! + 1])!
        #expect(text.contains("bytes) at byte \(size): invalid JSON at line 1, column \(size + 1)"))
        let loop = Self.message { _ = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), try Self.client(server.base, scenario: "loop")) }
        #expect(loop == "alpaca: pagination loops on /v2/stocks/bars: page 2 repeats a next_page_token")
    }

    @Test func aRefusedConnectionIsRetriedAsReconnectsThenReported() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        let base = server.base
        server.stop()
        let client = try Self.client(base)
        let text = Self.message { _ = try AlpacaAdapter.load(Self.query, AlpacaAdapter.Options(), client) }
        #expect(text.hasPrefix("alpaca: cannot connect to 127.0.0.1:") && text.hasSuffix("(connection refused) — check base_url and that the server is up"))
        #expect(client.health.reconnects == 2 && client.health.requests == 3)
    }

    @Test func occSymbolsAndTimesParse() throws {
        let put = try #require(OCCSymbol("SPXW240701P05400000"))
        #expect(put.root == "SPXW" && put.expiry == MarketDate.parse("2024-07-01") && put.isPut && put.strike == 5400)
        #expect(OCCSymbol("AAPL240126P00050000")?.strike == 50 && OCCSymbol("SPY240701C00545500")?.strike == 545.5)
        for bad in ["SPXW240701X05400000", "spxw240701P05400000", "SPXW241301P05400000", "P05400000", "SPXW240701P0540000A"] {
            #expect(OCCSymbol(bad) == nil, "\(bad)")
        }
        #expect(AlpacaTime.parse("2024-07-01T13:30:00Z") == Self.open)
        #expect(AlpacaTime.parse("2024-04-25T20:00:00.259610112Z") == 1_714_075_200_259_610_112)
        #expect(AlpacaTime.parse("2024-07-01T13:30:00.5Z") == Self.open + 500_000_000)
        for bad in ["2024-07-01T13:30:00", "2024-07-01 13:30:00Z", "2024-07-01T25:30:00Z", "2024-07-01T13:30:00.Z", "2024-07-01T13:30:00+00:00"] {
            #expect(AlpacaTime.parse(bad) == nil, "\(bad)")
        }
        #expect(AlpacaTime.format(Self.open) == "2024-07-01T13:30:00Z")
    }
}
