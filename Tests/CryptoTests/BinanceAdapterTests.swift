import Foundation
@testable import CryptoPack
import PackHTTP
import PackKit
import Testing
import TestSupport

/// Tests/Fixtures/crypto/binance/server.py on a free 127.0.0.1 port, for the suite.
private final class BinanceFixtureServer: Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/crypto/binance/server.py").path
    private let server: FixtureHTTPServer
    var base: String { server.base }

    init() throws { server = try FixtureHTTPServer(script: Self.script) }

    /// The paths (with queries) the server answered, in order.
    func requests() throws -> [String] {
        guard case .success(let answer) = BlockingHTTP(timeout: 5).get(URL(string: base + "/__requests")!, headers: [:]),
              case .array(let seen) = try JSON.parse(String(decoding: answer.body, as: UTF8.self)) else {
            throw ComponentError("fixture server did not list its requests")
        }
        return seen.compactMap(\.stringValue)
    }
}

/// The binance adapter against the local stand-in: pages, rate limits, bans, failures,
/// malformed bodies, gaps and the resumable page cache. One server for the suite.
@Suite(.serialized) struct BinanceAdapterTests {
    private static let server = Result { try BinanceFixtureServer() }

    /// 2024-01-01: 288 five-minute bars less the server's gap of 3 (bars 100–102).
    static func read(_ scenario: String, limit: Int = 100, cache: String = "none", retries: Int = 2) throws -> Frame {
        let base = try server.get().base + "/" + scenario
        return try CryptoFixtures.read(binanceAdapter, start: "2024-01-01", end: "2024-01-01", symbol: "BTCUSDT",
                                       ["base_url": .string(base), "futures_base_url": .string(base), "limit": .number(Double(limit)),
                                        "cache_dir": .string(cache), "max_retries": .number(Double(retries)), "retry_cap_s": .number(1)])
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test func pagesThroughTheDayLeavingTheGapUnfilled() throws {
        let before = try Self.server.get().requests().count
        let bars = try Self.read("ok")
        #expect(bars.rowCount == 285)
        let ts = try bars.timestamps(), close = try bars.float64("close")
        #expect(ts[0] == 1_704_067_200_000_000_000 && close[0] == 42_000)
        #expect(ts[100] - ts[99] == 4 * 300_000_000_000 && close[100] == 42_000 + 10 * 103)  // the gap: 3 bars missing
        let requests = try Self.server.get().requests().dropFirst(before)
        // Three kline pages of 100 (the last short), startTime advancing past each page; one funding page.
        let klinePages = requests.filter { $0.hasPrefix("/ok/api/v3/klines") }
        #expect(klinePages.count == 3)
        #expect(klinePages[1].contains("startTime=\(1_704_067_200_000 + 100 * 300_000)"))
        #expect(requests.filter { $0.hasPrefix("/ok/fapi/v1/fundingRate") }.count == 1)
        // Funding: the print of 2023-12-31 16:00 is in force at midnight, then 00:00 and 08:00 and 16:00 prints.
        let funding = try bars.float64("funding_rate")
        #expect(funding[0] == 0.0002 && funding[ts.firstIndex { $0 >= 1_704_096_000_000_000_000 }!] == 0.0003)
    }

    @Test func retriesA429ThenSucceeds() throws {
        #expect(try Self.read("throttled-once").rowCount == 285)
    }

    @Test func failuresAreClearErrors() throws {
        #expect(Self.message { _ = try Self.read("throttled") }
            .contains("binance: rate limited (HTTP 429, retry after 0 s) on /throttled/api/v3/klines after 2 retries (Binance -1003: Too many requests"))
        #expect(Self.message { _ = try Self.read("banned") }
            .contains("binance: IP banned (HTTP 418) for 120 s on /banned/api/v3/klines after 0 retries (Binance -1003: Way too many requests; IP banned until"))
        #expect(Self.message { _ = try Self.read("broken", retries: 1) }
            .contains("binance: HTTP 500 on /broken/api/v3/klines after 1 retries (Binance -1001: Internal error"))
        #expect(Self.message { _ = try Self.read("malformed") }.contains("binance: malformed JSON from /api/v3/klines"))
    }

    @Test func aCachedDownloadResumesWhereItStopped() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("crypto-binance-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        // Two pages arrive, the third request fails: the two complete pages stay in the cache.
        #expect(Self.message { _ = try Self.read("fail-third", cache: cache, retries: 0) }.contains("HTTP 503"))
        let before = try Self.server.get().requests().count
        let bars = try Self.read("ok", cache: cache)
        let asked = try Self.server.get().requests().dropFirst(before).filter { $0.contains("/api/v3/klines") }
        #expect(bars.rowCount == 285)
        // The cache is keyed by request, not scenario: only the last (short, uncached) kline page is fetched.
        #expect(asked.count == 1 && asked[0].contains("startTime=\(1_704_067_200_000 + 203 * 300_000)"))
    }
}
