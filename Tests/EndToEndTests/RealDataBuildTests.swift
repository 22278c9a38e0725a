import Foundation
import Testing

/// Preview and build on the real SPY 2024 file (with the simulated chain), and the ways a
/// build must refuse: a leaky indicator, a malformed file, failing data QA.
@Suite(.enabled(if: Workbench.hasSPY, "needs ../shared/data/spy/SPY_1m_2024.csv"))
struct RealDataBuildTests {
    static let model = "spy_opt_0dte_hourly"

    func bench(set: String = "zeroedge_pin_drift_v1", source: String = Workbench.spy) -> Workbench {
        let wb = Workbench()
        let out = wb.createModel(["--adapter", "csv", "--source", source], set: set)
        #expect(out.status == 0, "\(out.stderr)")
        return wb
    }

    @Test func realJulyBuildPassesCausalityAndIsByteIdentical() throws {
        let wb = bench()
        let args = ["build", "--model", Self.model, "--start", "2024-07-01", "--end", "2024-07-31"]
        let first = wb.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        let csv = try #require(wb.read("matrices/\(Self.model)/training_matrix_built.csv"))
        // 22 sessions (July 4 closed); July 3 closes at 13:00: 21 × 6 + 3 decisions.
        #expect(wb.matrix(Self.model).count - 1 == 129)
        let profile = try #require(wb.json("matrices/\(Self.model)/profile.json"))
        let leakage = try #require(profile["leakage"] as? [String: Any])
        let checked = try #require((leakage["prefix_truncation"] as? [String: Any])?["features"] as? [String])
        #expect(checked.count == (profile["columns"] as? [String: Any]).flatMap { ($0["features"] as? [String])?.count })
        #expect(wb.run(args + ["--force"]).status == 0)
        #expect(wb.read("matrices/\(Self.model)/training_matrix_built.csv") == csv)
    }

    /// The file carries bars after the 13:00 early close on Christmas Eve and a 16:00 bar on
    /// most days: regular hours only, decisions at 10, 11 and 12, labels ending at 13:00.
    @Test func extendedHoursAreDropped() throws {
        let wb = bench()
        let out = wb.run(["preview", "--model", Self.model, "--start", "2024-12-23", "--end", "2024-12-24"])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try #require(wb.json("reports/preview_\(Self.model).json"))
        let days = try #require((report["coverage"] as? [String: Any])?["days"] as? [[String: Any]])
        #expect(days.map { $0["bars"] as? Int } == [390, 210])
        #expect(report["rows"] as? Int == 9)
        let warnings = (report["warnings"] as? [String] ?? []).joined(separator: "\n")
        #expect(warnings.contains("2024-12-24"), "\(warnings)")
    }

    @Test func leakyIndicatorStopsTheBuild() throws {
        let wb0 = bench()
        var wb = wb0
        wb.plugins = ["\(CLITests.packs)/libbroken_leaky.so"]
        try wb.write("""
            id: leaky_test
            labeler: { pack: zeroedge, id: direction_to_close }
            features:
              - { name: drift, pack: zeroedge, indicator: drift_since_open }
              - { name: peek, pack: broken_leaky, indicator: peeks_ahead }
            """, to: "packs/zeroedge/indicator_sets/\(Self.model).yaml")
        let out = wb.run(["build", "--model", Self.model, "--start", "2024-07-01", "--end", "2024-07-05"])
        #expect(out.status == 65)
        #expect(out.stderr.contains("feature 'peek' (broken_leaky.peeks_ahead) fails the causality check"), "\(out.stderr)")
        #expect(out.stderr.contains("uses future data"))
        #expect(!wb.exists("matrices/\(Self.model)/training_matrix_built.csv"))
        let manifests = try FileManager.default.contentsOfDirectory(atPath: wb.path("runs")).compactMap { wb.json("runs/\($0)/build.json") }
        #expect(manifests.map { $0["status"] as? String } == ["failed"])
    }

    @Test func malformedCSVNamesFileAndLine() throws {
        let lines = try String(contentsOfFile: Workbench.spy, encoding: .utf8).split(separator: "\n").prefix(2_000).map(String.init)
        var broken = lines
        var fields = broken[500].split(separator: ",").map(String.init)
        fields[2] = "oops"
        broken[500] = fields.joined(separator: ",")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).csv").path
        try broken.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let wb = bench(source: file)
        let out = wb.run(["build", "--model", Self.model, "--start", "2024-03-26", "--end", "2024-03-28"])
        #expect(out.status == 65)
        #expect(out.stderr.contains(file) && out.stderr.contains("501"), "\(out.stderr)")
        #expect(!wb.exists("matrices"))
    }

    @Test func gapsAreToleratedAndReported() throws {
        // Remove 10:30–10:39 New York (14:30–14:39Z) on 2024-07-01.
        let lines = try String(contentsOfFile: Workbench.spy, encoding: .utf8).split(separator: "\n").map(String.init)
        let kept = lines.filter { !($0.hasPrefix("2024-07-01T14:3")) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gap-\(UUID().uuidString).csv").path
        try kept.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let wb = bench(source: file)
        let out = wb.run(["preview", "--model", Self.model, "--start", "2024-07-01", "--end", "2024-07-02"])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try #require(wb.json("reports/preview_\(Self.model).json"))
        let days = try #require((report["coverage"] as? [String: Any])?["days"] as? [[String: Any]])
        #expect(days.map { $0["bars"] as? Int } == [380, 390])
        #expect(report["rows"] as? Int == 12)
        #expect((report["warnings"] as? [String] ?? []).contains { $0.contains("2024-07-01") && $0.contains("10") }, "\(report["warnings"] ?? "")")
    }

    /// v2's z-scores need 21 earlier sessions (declared: 21 × 390 bars for `open_gap_z`); the
    /// file starts on 2024-03-26, so its first 21 sessions are warm-up: dropped and reported, not
    /// counted as NaN, and the build from the file's first day passes QA.
    @Test func v2WarmUpIsDroppedAndReported() throws {
        let wb = bench(set: "zeroedge_headfake_reversal_v2")
        let build = wb.run(["build", "--model", Self.model, "--start", "2024-03-26", "--end", "2024-06-28"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("(warm-up: 21 sessions, 126 decisions dropped)"), "\(build.stdout)")
        let profile = try #require(wb.json("matrices/\(Self.model)/profile.json"))
        #expect((profile["qa"] as? [String: Any])?["status"] as? String == "pass")
        let warmUp = try #require(profile["warm_up"] as? [String: Any])
        #expect(warmUp["decisions_dropped"] as? Int == 126 && warmUp["sessions"] as? Int == 21)
        #expect(warmUp["first_bar"] as? String == "2024-03-26T13:30:00Z")
        let gap = try #require((warmUp["features"] as? [String: Any])?["open_gap_z"] as? [String: Any])
        #expect(gap["lookback_bars"] as? Int == 8190 && gap["ready_from"] as? String == "2024-04-25T13:30:00Z")
        // 2024-04-25 is the 22nd session: the first decision kept, and no z-score missing after it.
        let rows = wb.matrix(Self.model)
        #expect(rows.count - 1 == 45 * 6 && rows[1].first == "2024-04-25T14:00:00Z", "\(rows.count) \(rows[1].first ?? "")")
        let features = try #require(profile["features"] as? [String: [String: Any]])
        #expect(features["open_gap_z"]?["nan_pct"] as? Double == 0 && features["first15m_range_z"]?["nan_pct"] as? Double == 0)
    }

    /// A NaN after warm-up still counts: without the bars of the first 15 minutes in May and June,
    /// the opening range has no value on those days and the QA gate fails on it.
    @Test func aNaNAfterWarmUpStillCounts() throws {
        let opening = Set((30...44).map { "T13:\($0)" })
        let lines = try String(contentsOfFile: Workbench.spy, encoding: .utf8).split(separator: "\n").map(String.init)
        let kept = lines.filter { !(["2024-05", "2024-06"].contains($0.prefix(7)) && opening.contains(String($0.dropFirst(10).prefix(6)))) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("no-opening-\(UUID().uuidString).csv").path
        try kept.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let wb = bench(set: "zeroedge_headfake_reversal_v2", source: file)
        let out = wb.run(["preview", "--model", Self.model, "--start", "2024-03-26", "--end", "2024-06-28"])
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        let report = try #require(wb.json("reports/preview_\(Self.model).json"))
        #expect((report["failures"] as? [String] ?? []).contains { $0.hasPrefix("first15m_range_z") }, "\(report["failures"] ?? "")")
        #expect((report["warm_up"] as? [String: Any])?["decisions_dropped"] as? Int == 126)
    }

    /// A range of nothing but warm-up is refused with the reason, not as 100 % NaN.
    @Test func aRangeOfOnlyWarmUpSaysSo() throws {
        let wb = bench(set: "zeroedge_headfake_reversal_v2")
        let out = wb.run(["build", "--model", Self.model, "--start", "2024-03-26", "--end", "2024-04-05"])
        #expect(out.status == 65, "\(out.stderr)")
        #expect(out.stderr.contains("every decision in the range is warm-up (48 dropped): open_gap_z (lookback 8190 bars), first15m_range_z (lookback 8190 bars) cannot have its lookback yet; the data starts at 2024-03-26T13:30:00Z"), "\(out.stderr)")
        #expect(!wb.exists("matrices"))
    }
}
