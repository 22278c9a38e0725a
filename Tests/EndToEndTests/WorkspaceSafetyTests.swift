import Foundation
import Testing

/// Paths and secrets through the real binary (issue 13, items 6–9 and 11): nothing written
/// outside the workspace or over a link, device or input; no password in any output or file name.
@Suite struct WorkspaceSafetyTests {
    static let model = "spy_opt_0dte_hourly"

    /// A small bars file and the sweep-rules arguments that read it.
    static func bars(_ wb: Workbench) throws -> [String] {
        let rows = (0..<30).map { i in "2024-07-01T13:\(String(format: "%02d", 30 + i)):00Z,545,546,544,\(545 + Double(i % 7) / 10),1000" }
        try wb.write(HostileInputTests.header + rows.joined(separator: "\n") + "\n", to: "b.csv")
        return ["sweep-rules", "--bars", wb.path("b.csv"), "--signal", "ret:1", "--thresholds", "0", "--holds", "1"]
    }

    @Test func sweepRulesOutIsANewOrRegularFileOnly() throws {
        let wb = Workbench()
        let args = try Self.bars(wb)
        let input = try #require(wb.read("b.csv"))
        try wb.write("keep", to: "target.json")
        try FileManager.default.createSymbolicLink(atPath: wb.path("link.json"), withDestinationPath: wb.path("target.json"))
        #expect(mkfifo(wb.path("fifo"), 0o600) == 0)
        let refusals = [(wb.path("link.json"), "is a symbolic link (to \(wb.path("target.json")))"),
                        (wb.path("fifo"), "is not a regular file"),
                        ("/dev/null", "is not a regular file"),
                        (wb.path("b.csv"), "is the input"),
                        ("\(wb.root)/./b.csv", "is the input")]
        for (out, fragment) in refusals {
            HostileInputTests.expectRefusal(HostileInputTests.edgehost(args + ["--out", out]), fragment)
        }
        #expect(wb.read("b.csv") == input && wb.read("target.json") == "keep")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: wb.path("link.json")) == wb.path("target.json"))
        let written = HostileInputTests.edgehost(args + ["--out", wb.path("report.json")])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(wb.json("report.json")?["configs"] as? Int == 1)
    }

    /// `--id ..` once made build, train and register write beside the workspace and the registry.
    @Test(arguments: [".", "..", "../escape", String(repeating: "m", count: 300)])
    func modelIDsThatLeaveTheirFoldersAreRefused(_ id: String) throws {
        let wb = Workbench()
        let create = wb.createModel(["--id", id])
        HostileInputTests.expectRefusal(create, "model id '\(id.prefix(20))")
        #expect(create.stderr.count < 200, "\(create.stderr)")
        for command in [["build", "--model", id], ["train", "--model", id], ["registry", "register", "--model", id]] {
            HostileInputTests.expectRefusal(wb.run(command), "model id '\(id.prefix(20))")
        }
        let parent = (wb.root as NSString).deletingLastPathComponent
        for name in ["training_matrix_built.csv", "profile.json", "v1", "models"] {
            #expect(!wb.exists(name) && !FileManager.default.fileExists(atPath: "\(parent)/\(name)"), "\(name)")
        }
    }

    /// libpq's keyword form was a SQLite path (a file named after the password); a malformed
    /// URL printed its password. Both are PostgreSQL or refused now, and say nothing secret.
    @Test(arguments: ["host=127.0.0.1 port=1 user=u password=secretpw dbname=db",
                      "postgres:/u:secretpw@127.0.0.1:1/db",
                      "postgresql://u:secretpw@127.0.0.1:1/db",
                      "u:secretpw@127.0.0.1/db"])
    func databaseAddressesNeverShowThePassword(_ db: String) throws {
        let wb = Workbench()
        try FileManager.default.createDirectory(atPath: wb.root, withIntermediateDirectories: true)
        let out = CLITests.run("\(CLITests.buildDir)/edgehost", ["leaderboard", "--db", db, "--workspace", wb.root], directory: wb.root)
        // 65: not an address; 69: nothing listens on port 1 (README "Exit codes").
        #expect([65, 69].contains(out.status) && !out.stderr.contains("Fatal error"), "\(out.status) \(out.stderr)")
        #expect(!(out.stdout + out.stderr).contains("secretpw"), "\(out.stdout) \(out.stderr)")
        let files = FileManager.default.enumerator(atPath: wb.root)?.allObjects as? [String] ?? []
        #expect(files.allSatisfy { !$0.contains("secretpw") }, "\(files)")
    }

    @Test func onlyClearSQLitePathsAreSQLite() throws {
        let wb = Workbench()
        HostileInputTests.expectRefusal(wb.run(["leaderboard", "--db", wb.path("results")]), "not clearly a SQLite file")
        #expect(!wb.exists("results"))
        let named = wb.run(["leaderboard", "--db", wb.path("lb.db")])
        #expect(named.status == 0 && wb.exists("lb.db"), "\(named.stderr)")
    }

    /// A damaged leaderboard fails the backtest before its report and plots are written.
    @Test func damagedLeaderboardFailsBeforeTheBacktest() throws {
        let wb = Workbench()
        wb.createModel()
        #expect(wb.run(["build", "--model", Self.model, "--start", "2024-06-03", "--end", "2024-07-03"]).status == 0)
        #expect(wb.run(["leaderboard", "--db", wb.path("lb.sqlite")]).status == 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: wb.path("lb.sqlite")))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let out = wb.run(["backtest", "--model", Self.model, "--splits", "2", "--db", wb.path("lb.sqlite")])
        HostileInputTests.expectRefusal(out, wb.path("lb.sqlite"), status: 74)
        #expect(!wb.exists("reports/backtest_\(Self.model).json") && !wb.exists("plots/\(Self.model)"))
    }
}
