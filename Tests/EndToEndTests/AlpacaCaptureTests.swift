import Foundation
import Host
import Testing
import TestSupport

/// `edgehost stream capture --pack zerodteput --adapter alpaca` against the fake Alpaca
/// (Tests/Fixtures/alpaca/server.py) on 127.0.0.1: the recording layout with its health, keys
/// read from ./.env and never written or printed.
@Suite struct AlpacaCaptureTests {
    static let script = "\(CLITests.repoRoot)/Tests/Fixtures/alpaca/server.py"
    static let keyID = "AKTEST0123456789ABCD"
    static let secret = "sEcReT-test-0123456789abcdefghijklmnop"

    /// A folder holding only a `.env` with `secret`, the capture's working directory.
    static func folder(secret: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-alpaca-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "APCA_API_KEY_ID=\(keyID)\nexport APCA_API_SECRET_KEY=\"\(secret)\"\n".write(toFile: "\(dir)/.env", atomically: true, encoding: .utf8)
        return dir
    }

    static func capture(_ base: String, in dir: String) -> CLITests.Output {
        CLITests.run("\(CLITests.buildDir)/edgehost", [
            "stream", "capture", "--pack", "zerodteput", "--adapter", "alpaca", "--symbols", "SPX", "--session", "2024-07-01",
            "--out", "\(dir)/rec", "--history-days", "0", "--workspace", "\(dir)/ws",
            "--adapter-param", "base_url=\(base)", "--adapter-param", "retry_cap_s=0.05",
        ], directory: dir)
    }

    @Test func recordsTheSessionWithItsHealthAndNoKey() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        defer { server.stop() }
        let dir = try Self.folder(secret: Self.secret)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // One 429 on the first request: waited out (at most 0.05 s), counted as a retry.
        let out = Self.capture(server.base + "/rate-limited-once", in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("stream capture zerodteput.alpaca SPX 2024-07-01: 390 bars (390 on the session), last event 2024-07-01T19:59:00Z"))
        #expect(out.stdout.contains("health: 5 requests, 4 pages, 1 retries, 0 reconnects, queue depth 0"))
        let text = try String(contentsOfFile: "\(dir)/rec/capture.json", encoding: .utf8)
        for shown in [text, out.stdout, out.stderr] { #expect(!shown.contains(Self.keyID) && !shown.contains(Self.secret)) }

        let recording = try Recording(folder: "\(dir)/rec")
        #expect(recording.adapter == "alpaca" && recording.symbols == ["SPX"])
        let health = try #require(recording.health["SPX"])
        #expect(health.requests == 5 && health.pages == 4 && health.retries == 1 && health.reconnects == 0 && health.queueDepth == 0)
        #expect(health.lastEventTime == "2024-07-01T19:59:00Z" && health.lastAdapterEventTime == "2024-07-01T19:59:00Z")
        #expect((health.flushAgeSeconds ?? -1) >= 0 && (health.flushAgeSeconds ?? 99) < 60)
        // A past session: the lag would be the recording's age, so none is recorded.
        #expect(health.streamLagSeconds == nil && recording.streamLagSeconds("SPX") == nil)
        let bars = try recording.bars("SPX")
        #expect(bars.rowCount == 390)
        #expect(try bars.float64("put1_strike")[210] == 5425 && (try bars.float64("put1_strike")[209]).isNaN)
        #expect(recording.manifest["adapter_params"]?["base_url"]?.stringValue == server.base + "/rate-limited-once")
    }

    @Test func aRefusedKeyFailsNamingTheVariableAndWritesNothing() throws {
        let server = try FixtureHTTPServer(script: Self.script)
        defer { server.stop() }
        let wrong = "wrong-secret-0f1e2d3c4b5a"
        let dir = try Self.folder(secret: wrong)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = Self.capture(server.base, in: dir)
        #expect(out.status == 74, "\(out.stderr)")
        #expect(out.stderr.contains("alpaca: unauthorized (HTTP 401) on /v2/stocks/bars (Alpaca 40110000: request is not authorized) — check APCA_API_KEY_ID and APCA_API_SECRET_KEY"), "\(out.stderr)")
        #expect(!out.stderr.contains(wrong) && !out.stderr.contains(Self.keyID) && !out.stdout.contains(wrong))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/rec/capture.json"))
    }
}
