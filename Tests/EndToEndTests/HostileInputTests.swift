import Foundation
import Testing

/// Inputs that once crashed the binary (issue 13, items 1–3 and 5): each is now a clear error,
/// exit status 65 (bad input), naming the file and what is wrong.
@Suite struct HostileInputTests {
    static let model = "spy_opt_0dte_hourly"
    static let header = "ts,open,high,low,close,volume\n"
    static let goodRow = "2024-07-01T13:30:00Z,545,546,544,545,1000\n"

    /// The binary with no workspace option (sweep-rules takes none).
    static func edgehost(_ arguments: [String]) -> CLITests.Output { CLITests.run("\(CLITests.buildDir)/edgehost", arguments) }

    /// A refusal, not a trap (a trap exits 132 or 133 with "Fatal error" on stderr).
    static func expectRefusal(_ out: CLITests.Output, _ fragment: String, status: Int32 = 65, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(out.status == status, "status \(out.status): \(out.stderr)", sourceLocation: sourceLocation)
        #expect(out.stderr.contains(fragment), "\(out.stderr)", sourceLocation: sourceLocation)
        #expect(!out.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
    }

    /// NaN, 1e19 and 1e300 closes crashed the chain simulator; the bars reader now refuses them at their line.
    @Test(arguments: [("NaN", "close 'NaN' is not a finite number"),
                      ("1e19", "close '1e19' is above the largest price accepted"),
                      ("1e300", "close '1e300' is above the largest price accepted")])
    func absurdCloseInBarsIsRefused(_ close: String, _ message: String) throws {
        let wb = Workbench()
        wb.createModel()
        try wb.write(Self.header + "2024-07-01T13:30:00Z,545,546,544,\(close),1000\n", to: "b.csv")
        for command in ["preview", "build"] {
            let out = wb.run([command, "--model", Self.model, "--adapter", "csv", "--source", wb.path("b.csv"),
                              "--start", "2024-07-01", "--end", "2024-07-01"])
            Self.expectRefusal(out, "\(wb.path("b.csv")):2: \(message)")
        }
        #expect(!wb.exists("matrices/\(Self.model)/training_matrix_built.csv"))
    }

    /// Years outside 1678…2261 overflowed the timestamp parser, in any row, the last one too.
    @Test(arguments: ["0001-07-01T13:30:00Z", "2300-07-01T13:30:00Z", "9999-12-31T23:59:59Z"])
    func timestampOutsideTheRangeIsRefused(_ stamp: String) throws {
        let wb = Workbench()
        wb.createModel()
        try wb.write(Self.header + Self.goodRow + "\(stamp),545,546,544,545,1000", to: "b.csv")
        let preview = wb.run(["preview", "--model", Self.model, "--adapter", "csv", "--source", wb.path("b.csv"),
                              "--start", "2024-07-01", "--end", "2024-07-01"])
        Self.expectRefusal(preview, "\(wb.path("b.csv")):3: bad timestamp '\(stamp)'")
        let sweep = Self.edgehost(["sweep-rules", "--bars", wb.path("b.csv"), "--thresholds", "1", "--holds", "5"])
        Self.expectRefusal(sweep, "years 1678–2261")
    }

    /// Simulated sessions after 2262-04-11 overflowed the calendar; the dates are refused up front.
    @Test func datesPast2261AreRefused() {
        let wb = Workbench()
        wb.createModel()
        let out = wb.run(["preview", "--model", Self.model, "--start", "2263-01-03", "--end", "2263-01-04"])
        Self.expectRefusal(out, "'2263-01-03' is not a date: use YYYY-MM-DD (e.g. 2024-07-01) from 1678-01-01 to 2261-12-31")
        let sweep = Self.edgehost(["sweep-rules", "--bars", "x.csv", "--thresholds", "1", "--holds", "5", "--start", "9999-01-01"])
        #expect(sweep.status == 64 && sweep.stderr.contains("--start: '9999-01-01' is not a date"), "\(sweep.stderr)")
    }

    /// A truncated pack crashed the ELF reader (SIGBUS); a bare file name went to the library path.
    @Test func truncatedPackAndBareFileName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-elf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: "\(CLITests.buildDir)/libzeroedge.so"))
        try whole.prefix(20_000).write(to: URL(fileURLWithPath: "\(folder)/t.so"))
        let verify = CLITests.run("\(CLITests.buildDir)/edgehost", ["pack", "verify", "./t.so"], directory: folder)
        #expect(verify.status == 1 && (verify.stdout + verify.stderr).contains("truncated: segment"), "\(verify.status) \(verify.stdout) \(verify.stderr)")
        let packs = CLITests.run("\(CLITests.buildDir)/edgehost", ["packs", "--plugin", "t.so"], directory: folder)
        #expect(packs.status == 65 && packs.stderr.contains("\(folder)/t.so") && packs.stderr.contains("[not-shared-object]"), "\(packs.status) \(packs.stderr)")
        try FileManager.default.copyItem(atPath: "\(CLITests.packs)/libcpack.so", toPath: "\(folder)/c.so")
        let bare = CLITests.run("\(CLITests.buildDir)/edgehost", ["pack", "verify", "c.so"], directory: folder)
        #expect(bare.status == 0 && bare.stdout.contains("PASS"), "\(bare.stdout) \(bare.stderr)")
    }
}
