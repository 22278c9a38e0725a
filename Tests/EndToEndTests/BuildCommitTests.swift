import Foundation
import Testing

/// `build` writes its matrix and then its profile, which names the matrix's digest; readers
/// trust only a matching pair, and lineage names exactly what built the matrix (issue 13,
/// items 10 and 12).
@Suite struct BuildCommitTests {
    static let model = "spy_opt_0dte_hourly"
    static let matrix = "matrices/\(model)/training_matrix_built.csv"
    static let build = ["build", "--model", model, "--start", "2024-04-01", "--end", "2024-06-28"]

    /// The state a SIGKILL between the two renames leaves: a new matrix beside the old profile,
    /// and the killed writer's temporary files. `train` refused nothing and trained on it.
    @Test func aMatrixItsProfileDoesNotNameIsRefusedAndRebuilt() throws {
        let wb = Workbench()
        wb.createModel()
        #expect(wb.run(Self.build).status == 0)
        let built = try #require(wb.read(Self.matrix))
        let rows = built.split(separator: "\n", omittingEmptySubsequences: false)
        try wb.write(rows.dropLast(2).joined(separator: "\n") + "\n", to: Self.matrix)
        for name in [".training_matrix_built.csv.tmp-99999", ".profile.json.tmp-99999"] {
            try wb.write("partial", to: "matrices/\(Self.model)/\(name)")
        }
        for command in ["train", "backtest"] {
            HostileInputTests.expectRefusal(wb.run([command, "--model", Self.model]), "is not the profile's matrix_sha")
        }
        #expect(!wb.exists("artifacts/\(Self.model)"))
        let again = wb.run(Self.build)
        #expect(again.status == 0 && !again.stdout.contains("skipped"), "\(again.stdout) \(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: wb.path("matrices/\(Self.model)")).sorted() == ["profile.json", "training_matrix_built.csv"])
        #expect(wb.read(Self.matrix) == built)
        let train = wb.run(["train", "--model", Self.model])
        #expect(train.status == 0, "\(train.stderr)")
    }

    /// A build from a file (`--adapter csv --source F`) has its own config_sha; train recorded
    /// the model's stored one (the simulated adapter) instead.
    @Test(.enabled(if: Workbench.hasSPY, "needs ../shared/data/spy/SPY_1m_2024.csv"))
    func trainNamesTheConfigThatBuiltTheMatrix() throws {
        let wb = Workbench()
        wb.createModel()
        let build = wb.run(Self.build + ["--adapter", "csv", "--source", Workbench.spy])
        #expect(build.status == 0, "\(build.stderr)")
        let profileSHA = try #require(wb.json("matrices/\(Self.model)/profile.json")?["config_sha"] as? String)
        let stored = try #require(wb.run(["models", "show", Self.model]).stdout.split(separator: "\n").first { $0.contains("config_sha") })
        #expect(!stored.contains(profileSHA), "the override should change config_sha: \(stored)")
        #expect(wb.run(["train", "--model", Self.model]).status == 0)
        let meta = try #require(wb.json("artifacts/\(Self.model)/balanced/meta.json"))
        #expect((meta["lineage"] as? [String: Any])?["config_sha"] as? String == profileSHA)
    }
}
