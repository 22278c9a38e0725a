import Foundation
@testable import Host
import Testing
import TestSupport

/// `edgehost lake fetch`: Databento's `timeseries.get_range` against a stand-in on 127.0.0.1
/// (Tests/Fixtures/databento/server.py, shapes from the official client), answers filed into
/// the bronze lake; the key never appears in an error.
@Suite(.enabled(if: LakeFixtures.present, "../shared/data/es/dbn not found")) final class DatabentoFetchTests {
    static let key = "db-TESTKEY0123456789abcdefghijk"
    let server: FixtureHTTPServer

    init() throws { server = try FixtureHTTPServer(script: "\(Fixtures.repoRoot)/Tests/Fixtures/databento/server.py") }
    deinit { server.stop() }

    let request = DatabentoRequest(dataset: "GLBX.MDP3", schema: "trades", symbols: ["ESH1"], start: "2020-12-28", end: "2020-12-29")

    func fetch(_ scenario: String = "", key: String = key, request: DatabentoRequest? = nil) throws -> (String, Result<BronzeImport.Filed, EdgehostError>) {
        let lake = LakeFixtures.folder("databento")
        let client = DatabentoHistorical(key: key, base: server.base + (scenario.isEmpty ? "" : "/\(scenario)"), timeout: 10, retries: 2)
        do {
            return (lake, .success(try client.fetch(request ?? self.request, into: BronzeImport(lake: lake))))
        } catch let error as EdgehostError {
            return (lake, .failure(error))
        }
    }

    @Test func successFilesTheDBNAnswer() throws {
        let (lake, result) = try fetch()
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let filed = try result.get()
        #expect(filed.entry.path == "bronze/futures/trades/underlying=ES/date=2020-12-28/GLBX.MDP3-trades-ESH1-2020-12-28-2020-12-29.dbn.zst")
        #expect(filed.entry.records == 4 && filed.entry.symbols == ["ESH1"])
        #expect(LakeFixtures.read("\(lake)/\(filed.entry.path)") == LakeFixtures.read(LakeFixtures.trades))
        // What the server saw: the official client's form and basic auth.
        let seen = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(string: server.base + "/__requests")!)) as? [[String: Any]]
        let last = try #require(seen?.last)
        let form = try #require(last["form"] as? [String: String])
        #expect(form["encoding"] == "dbn" && form["compression"] == "zstd" && form["stype_in"] == "raw_symbol" && form["symbols"] == "ESH1")
        #expect(last["authorization"] as? String == "Basic " + Data("\(Self.key):".utf8).base64EncodedString())
    }

    @Test func errorsCarryTheAPIsDetailNotTheKey() throws {
        let cases: [(String, String, DatabentoRequest?, EdgehostError.Exit, String)] = [
            ("", "db-WRONG", nil, .unavailable, "HTTP 401: Authentication failed. (check DATABENTO_API_KEY)"),
            ("", Self.key, DatabentoRequest(dataset: "GLBX.MDP3", schema: "trades", symbols: ["ESX9"], start: "2020-12-28", end: "2020-12-29"),
             .badInput, "HTTP 422, the request was rejected: symbology_invalid_request; None of the symbols could be resolved: ESX9"),
            ("rate-limited", Self.key, nil, .unavailable, "HTTP 429 after 3 attempts: rate_limited; Too many requests.; try again later"),
            ("truncated", Self.key, nil, .badInput, "is not a whole DBN stream"),
            ("echo-key", Self.key, nil, .badInput, "got authorization Basic ***"),
        ]
        for (scenario, key, request, exit, text) in cases {
            let (lake, result) = try fetch(scenario, key: key, request: request)
            guard case .failure(let error) = result else { Issue.record("\(scenario): no error"); continue }
            #expect(error.exit == exit && error.message.contains(text), "\(scenario): \(error)")
            #expect(!"\(error)".contains(key) && !"\(error)".contains(Data("\(key):".utf8).base64EncodedString()))
            #expect(!FileManager.default.fileExists(atPath: lake), "\(scenario): the lake was written")
        }
        // Rate-limited once, then served.
        let (lake, result) = try fetch("rate-limited-once")
        defer { try? FileManager.default.removeItem(atPath: lake) }
        #expect(try result.get().entry.records == 4)
    }

    @Test func keyFromEnvironmentOrDotEnv() throws {
        #expect(try DatabentoKey.resolve(environment: ["DATABENTO_API_KEY": "db-A"], dotEnv: "/nonexistent") == "db-A")
        let folder = LakeFixtures.folder("env")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "# keys\nOTHER=1\nexport DATABENTO_API_KEY=\"db-B\"\n".write(toFile: "\(folder)/.env", atomically: true, encoding: .utf8)
        #expect(try DatabentoKey.resolve(environment: [:], dotEnv: "\(folder)/.env") == "db-B")
        #expect(throws: EdgehostError.self) { _ = try DatabentoKey.resolve(environment: [:], dotEnv: "\(folder)/missing") }
    }
}
