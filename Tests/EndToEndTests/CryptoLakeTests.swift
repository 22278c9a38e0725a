import Foundation
import Testing

/// The crypto chain on the real Binance files (../shared/data/crypto/binance), a two-day slice
/// at the files' end: `run` goes ingest → clean → features → discovery → strategies, the clean
/// stage reports the real gap (the files stop at 2023-03-11 10:35), a second pass skips every
/// lake stage, `--force` rewrites the lake to the same bytes, and drift reads the run's features.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "\(CLITests.repoRoot)/../shared/data/crypto/binance"), "needs ../shared/data/crypto/binance"))
struct CryptoLakeTests {
    static let source = "\(CLITests.repoRoot)/../shared/data/crypto/binance"

    static func edgehost(_ args: [String]) -> CLITests.Output { CLITests.run("\(CLITests.buildDir)/edgehost", args) }

    /// Every file under `lake/`, by relative path, with its bytes.
    static func lakeFiles(_ workspace: String) throws -> [String: Data] {
        let root = "\(workspace)/lake"
        var out: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root)! where !path.hasSuffix("/") {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDir), !isDir.boolValue {
                out[path] = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(path)"))
            }
        }
        return out
    }

    @Test func realFilesChainSkipsUnchangedAndForceIsByteIdentical() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-lake-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let window = ["--adapter", "csv", "--source", Self.source, "--start", "2023-03-10", "--end", "2023-03-11", "--workspace", workspace]
        let run = Self.edgehost(["run", "--pack", "crypto", "--run-id", "real"] + window)
        #expect(run.status == 0, "\(run.stderr)")
        for symbol in ["BTCUSDT", "ETHUSDT"] {
            #expect(run.stdout.contains("ingest \(symbol): 9 partition(s) written"), "\(run.stdout)")
            #expect(run.stdout.contains("clean \(symbol): 9 partition(s) written, 2432 rows; 1 gap(s), 160 bar(s) missing (largest: 160 from 2023-03-11T10:40:00Z); not filled"),
                    "\(run.stdout)")
            #expect(run.stdout.contains("features \(symbol): 2 partition(s) written, 416 rows"), "\(run.stdout)")
        }
        #expect(run.stdout.contains("strategy vol_shock_mr_v1:"), "\(run.stdout)")
        let manifest = try String(contentsOfFile: "\(workspace)/lake/cleaned/BTCUSDT/5m/date=2023-03-11/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"missing_bars\" : 160") && manifest.contains("\"rows\" : 128") && manifest.contains("\"pack_version\""))
        let features = try String(contentsOfFile: "\(workspace)/runs/real/features/BTCUSDT.csv", encoding: .utf8)
        #expect(features.hasPrefix("ts,ret_1,ret_3,ret_12,realised_vol_24,range_z_48,volume_z_48,funding_z_864\n2023-03-10T00:00:00Z,"))
        #expect(features.split(separator: "\n").count == 1 + 288 + 128)

        let before = try Self.lakeFiles(workspace)
        #expect(before.count == 2 * (9 + 9 + 2) * 2)
        let again = Self.edgehost(["lake", "build", "--pack", "crypto", "--symbols", "BTCUSDT,ETHUSDT"] + window)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.components(separatedBy: "skipped (unchanged; --force recomputes)").count - 1 == 6, "\(again.stdout)")
        #expect(try Self.lakeFiles(workspace) == before)

        let forced = Self.edgehost(["lake", "build", "--pack", "crypto", "--symbols", "BTCUSDT,ETHUSDT", "--force"] + window)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!forced.stdout.contains("skipped"), "\(forced.stdout)")
        let after = try Self.lakeFiles(workspace)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after.keys.filter { after[$0] != before[$0] }.sorted() == [])

        // The drift check reads the features file the run wrote (exit 0 or 1 by its thresholds, not an error).
        let drift = Self.edgehost(["monitor", "drift", "--run-id", "real", "--symbol", "BTCUSDT", "--reference-window-days", "1",
                                   "--live-window-days", "1", "--workspace", workspace])
        #expect([0, 1].contains(drift.status), "\(drift.stderr)")
        #expect(drift.stdout.contains("ret_1"), "\(drift.stdout)")
    }
}
