import Foundation
import Testing

/// One lake root for every layer: crypto's stages and the DBN bronze/silver layers all write
/// under the workspace's `lake/` by default, and all under `--lake DIR` when it is given.
@Suite struct LakeRootTests {
    static func edgehost(_ args: [String]) -> CLITests.Output { CLITests.run("\(CLITests.buildDir)/edgehost", args) }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func folder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-root-\(name)-\(UUID().uuidString)").path
    }

    @Test func cryptoStagesUseTheWorkspaceLakeOrTheGivenOne() throws {
        let workspace = Self.folder("ws"), lake = Self.folder("lake")
        defer { for f in [workspace, lake] { try? FileManager.default.removeItem(atPath: f) } }
        let ingest = ["lake", "ingest", "--pack", "crypto", "--symbols", "BTCUSDT", "--start", "2024-01-05", "--end", "2024-01-05", "--workspace", workspace]
        let byDefault = Self.edgehost(ingest)
        #expect(byDefault.status == 0, "\(byDefault.stderr)")
        #expect(Self.exists("\(workspace)/lake/raw/BTCUSDT/5m/date=2024-01-05/part.csv"))
        let given = Self.edgehost(ingest + ["--lake", lake])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(given.stdout.contains("partition(s) written"), "\(given.stdout)")
        #expect(Self.exists("\(lake)/raw/BTCUSDT/5m/date=2024-01-05/part.csv"))
        // A file where the lake should be: a usage error naming it.
        let file = lake + "/raw/BTCUSDT/5m/date=2024-01-05/part.csv"
        let bad = Self.edgehost(ingest + ["--lake", file])
        #expect(bad.status == 64 && bad.stderr.contains("--lake"), "\(bad.status) \(bad.stderr)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "\(CLITests.repoRoot)/../shared/data/es/dbn/databento-python/test_data.trades.dbn.zst")))
    func bronzeAndSilverUseTheSameRoot() throws {
        let workspace = Self.folder("ws"), lake = Self.folder("lake")
        defer { for f in [workspace, lake] { try? FileManager.default.removeItem(atPath: f) } }
        let trades = "\(CLITests.repoRoot)/../shared/data/es/dbn/databento-python/test_data.trades.dbn.zst"
        let imported = Self.edgehost(["lake", "import", trades, "--workspace", workspace])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(Self.exists("\(workspace)/lake/bronze/manifest.json"))
        let silver = Self.edgehost(["lake", "silver", "--workspace", workspace])
        #expect(silver.status == 0, "\(silver.stderr)")
        #expect(Self.exists("\(workspace)/lake/silver/es-minute/manifest.json"))
        let given = Self.edgehost(["lake", "import", trades, "--lake", lake, "--workspace", workspace])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(Self.exists("\(lake)/bronze/manifest.json"))
    }
}
