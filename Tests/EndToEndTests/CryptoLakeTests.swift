import Foundation
import Testing

/// The crypto chain on the real Binance files (../shared/data/crypto/binance), a two-day slice
/// at the files' end: `run` goes ingest → clean → features → discovery → strategies, the clean
/// stage reports the real gap (the files stop at 2023-03-11 10:35), a second `run` skips every
/// stage (lake, phase 1, phase 2, blueprints) and touches none of their files, `--force`
/// recomputes them to the same bytes, and drift reads the run's features.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "\(CLITests.repoRoot)/../shared/data/crypto/binance"), "needs ../shared/data/crypto/binance"))
struct CryptoLakeTests {
    static let source = "\(CLITests.repoRoot)/../shared/data/crypto/binance"

    static func edgehost(_ args: [String]) -> CLITests.Output { CLITests.run("\(CLITests.buildDir)/edgehost", args) }

    /// Every file under `folders` of the workspace, by workspace-relative path, with its bytes
    /// and modification time.
    static func files(_ workspace: String, under folders: [String]) throws -> [String: (data: Data, modified: Date)] {
        var out: [String: (data: Data, modified: Date)] = [:]
        for folder in folders {
            let root = "\(workspace)/\(folder)"
            guard let paths = FileManager.default.enumerator(atPath: root) else { continue }
            for case let path as String in paths {
                let attributes = try FileManager.default.attributesOfItem(atPath: "\(root)/\(path)")
                guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                out["\(folder)/\(path)"] = (try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(path)")), attributes[.modificationDate] as? Date ?? .distantPast)
            }
        }
        return out
    }

    /// The stages of `runs/<run>/run_manifest.json`: name and status, in order.
    static func stages(_ workspace: String, run: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(workspace)/runs/\(run)/run_manifest.json"))
        let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (manifest?["stages"] as? [[String: Any]] ?? []).map { "\($0["stage"] ?? "?") \($0["status"] ?? "?")" }
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
        #expect(features.hasPrefix("ts,ret_1,ret_3,ret_12,realised_vol_24,range_z_48,volume_z_48,funding_z_864,ret_spread_1,ret_spread_3,ret_spread_12\n2023-03-10T00:00:00Z,"))
        #expect(features.split(separator: "\n").count == 1 + 288 + 128)

        // The second run skips every stage and touches none of their files (the strategies are
        // not a stage: they run again, to the same bytes).
        let outputs = ["lake", "reports/phase1", "reports/phase2", "reports/strategy_blueprints", "runs/real/features"]
        let first = try Self.files(workspace, under: outputs)
        #expect(first.keys.filter { $0.hasPrefix("lake/") }.count == 2 * (9 + 9 + 2) * 2)
        #expect(first.keys.contains("reports/phase2/real/VOL_SHOCK/candidates.csv") && first.keys.contains("reports/strategy_blueprints/real/blueprints.jsonl"))
        let second = Self.edgehost(["run", "--pack", "crypto", "--run-id", "real"] + window)
        #expect(second.status == 0, "\(second.stderr)")
        let names = ["ingest", "clean", "features", "phase1", "phase2", "blueprints"]
        #expect(try Self.stages(workspace, run: "real") == names.map { "\($0) skipped" })
        #expect(second.stdout.contains("stages skipped (inputs unchanged; --force recomputes): \(names.joined(separator: ", "))"), "\(second.stdout)")
        let unchanged = try Self.files(workspace, under: outputs)
        #expect(unchanged.keys.sorted() == first.keys.sorted())
        #expect(unchanged.keys.filter { unchanged[$0]!.data != first[$0]!.data || unchanged[$0]!.modified != first[$0]!.modified }.sorted() == [])

        let again = Self.edgehost(["lake", "build", "--pack", "crypto", "--symbols", "BTCUSDT,ETHUSDT"] + window)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.components(separatedBy: "skipped (unchanged; --force recomputes)").count - 1 == 6, "\(again.stdout)")

        // --force recomputes every stage, to the same bytes.
        let forced = Self.edgehost(["run", "--pack", "crypto", "--run-id", "real", "--force"] + window)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!forced.stdout.contains("skipped"), "\(forced.stdout)")
        #expect(try Self.stages(workspace, run: "real") == names.map { "\($0) ok" })
        let after = try Self.files(workspace, under: outputs)
        #expect(after.keys.sorted() == first.keys.sorted())
        #expect(after.keys.filter { after[$0]!.data != first[$0]!.data }.sorted() == [])

        // The drift check reads the features file the run wrote (exit 0 or 1 by its thresholds, not an error).
        let drift = Self.edgehost(["monitor", "drift", "--run-id", "real", "--symbol", "BTCUSDT", "--reference-window-days", "1",
                                   "--live-window-days", "1", "--workspace", workspace])
        #expect([0, 1].contains(drift.status), "\(drift.stderr)")
        #expect(drift.stdout.contains("ret_1"), "\(drift.stdout)")
    }
}
