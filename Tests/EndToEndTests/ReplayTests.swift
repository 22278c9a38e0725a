import Foundation
import Host
import Testing

/// `edgehost replay` and `edgehost reconcile` on the zeroedge pack: a model trained on two
/// simulated weeks and registered (v1 active), alerts on its newest session, a recorded session
/// (2024-07-01) replayed by the live monitor, all built once for the suite.
@Suite(.serialized) struct ReplayTests {
    static let model = "spy_opt_0dte_hourly"
    static let session = "2024-07-01"

    static let shared: Workbench = {
        let wb = Workbench()
        func ok(_ out: CLITests.Output, _ what: String) { #expect(out.status == 0, "\(what): \(out.stderr)") }
        ok(wb.createModel(), "models create")
        ok(wb.run(["build", "--model", model, "--start", "2024-06-17", "--end", "2024-06-28"]), "build")
        ok(wb.run(["train", "--model", model, "--allowed-hours", "13,14,15", "--force"]), "train")
        // Registration needs a backtest report of this artifact; the walk-forward itself is not under test here.
        wb.writePassingBacktestReport(model: model)
        ok(wb.run(["registry", "register", "--model", model]), "register")
        ok(wb.run(["registry", "promote", "--to", "active", "--id", "\(model)@v1"]), "promote")
        // Every hour of the newest session (2024-06-28), any confidence: the alerts to replay.
        ok(wb.run(["alerts", "--model", model, "--threshold", "0.01", "--allowed-hours", "10,11,12,13,14,15"]), "alerts")
        ok(wb.run(["stream", "capture", "--pack", "zeroedge", "--adapter", "sim", "--symbols", "SPY", "--session", session,
                   "--model", model, "--out", wb.path("rec")]), "capture")
        ok(wb.run(["live", "--model", model, "--symbol", "SPY", "--replay-from", wb.path("rec"), "--speed", "max", "--every", "2m",
                   "--stale-after", "150s", "--threshold", "0.34"]), "live")
        return wb
    }()

    static func signalKeys(_ wb: Workbench) -> [String] {
        (wb.read("live_data/\(model)/signals.csv") ?? "").split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[7]) }
    }

    static func liveRows(_ wb: Workbench) -> [[String: Any]] {
        (wb.read("live_data/\(model)/live_monitor.jsonl") ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func replay(_ wb: Workbench, _ key: String) -> CLITests.Output { wb.run(["replay", "--alert", key, "--model", model]) }

    @Test func everyAlertAndEveryLiveRowReplaysBitForBit() throws {
        let wb = Self.shared
        let signals = Self.signalKeys(wb), live = Self.liveRows(wb).compactMap { $0["key"] as? String }
        #expect(!signals.isEmpty && live.count == 6, "signals \(signals), live rows \(live)")
        // Every row of signals.csv and of live_monitor.jsonl, in one process (the matrix rebuilt once).
        let all = wb.run(["replay", "--all", "--model", Self.model])
        #expect(all.status == 0 && all.stdout.contains("\(signals.count + 6) alert(s), \(signals.count + 6) equal bit for bit, 0 not"), "\(all.stdout)\(all.stderr)")
        for key in signals + live { #expect(all.stdout.contains("\(key)  ") && !all.stdout.contains("\(key)  signal  DIFF")) }
        // One alert alone prints its row in full: probabilities with 17 digits and their bits.
        let one = Self.replay(wb, live[0])
        // Read from the text with Double(_:), which rounds correctly (JSONSerialization may not).
        let line = try #require(wb.read("live_data/\(Self.model)/live_monitor.jsonl")?.split(separator: "\n").first { $0.contains(live[0]) })
        let text = try #require(line.firstMatch(of: #/"probability":([-0-9.e]+)/#)?.output.1)
        let p = try #require(Double(String(text)))
        #expect(one.status == 0 && one.stdout.contains("equal: the replayed live decision is the recorded one, bit for bit"), "\(one.stdout)\(one.stderr)")
        #expect(one.stdout.contains("  probability = \(String(format: "%.17g", p)) (0x\(String(p.bitPattern, radix: 16)))"), "\(one.stdout)")
    }

    @Test func reconcileOfTheReplayedSessionHasZeroDifferences() throws {
        let wb = Self.shared
        let out = wb.run(["reconcile", "--model", Self.model, "--session", Self.session])
        #expect(out.status == 0 && out.stdout.contains("6 row(s) compared, 6 equal, 0 differing, 0 live only, 0 batch only"), "\(out.stdout)\(out.stderr)")
        let report = try #require(wb.json("reports/reconcile/\(Self.model)/\(Self.session).json"))
        #expect(report["status"] as? String == "reconciled" && report["rows_compared"] as? Int == 6 && (report["differences"] as? [Any])?.isEmpty == true)
    }

    /// One bar before the 13:00 New York decision corrected after the live run: replay names the
    /// recording's changed digest; reconcile reports that decision and its features.
    @Test func anEditedBarIsNamedByReplayAndReconcile() throws {
        let wb = Self.shared
        let bars = wb.path("rec/bars/SPY.csv")
        let original = try String(contentsOfFile: bars, encoding: .utf8)
        defer { try? original.write(toFile: bars, atomically: true, encoding: .utf8) }
        let capture = try #require(wb.json("rec/capture.json"))
        let lag = Int64(capture["availability_lag_ns"] as? Double ?? 0)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map { String($0.split(separator: ":")[0]) }
        let (tsColumn, closeColumn) = (try #require(header.firstIndex(of: "ts")), try #require(header.firstIndex(of: "close")))
        // The last bar known at 17:00Z: stamped 17:00Z less the adapter's lag.
        let decision: Int64 = 1_719_853_200_000_000_000
        let target = String(decision - lag)
        let index = try #require(lines.firstIndex { $0.split(separator: ",").map(String.init)[safe: tsColumn] == target })
        var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[closeColumn] = String(try #require(Double(fields[closeColumn])) * 1.01)
        lines[index] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: bars, atomically: true, encoding: .utf8)

        let rows = Self.liveRows(wb)
        let key = try #require(rows.first { $0["decision_ts"] as? String == "2024-07-01T17:00:00Z" }?["key"] as? String)
        let replayed = Self.replay(wb, key)
        #expect(replayed.status == 1 && replayed.stdout.contains("DIFFERENT: input hash differs: data file recording bars/SPY.csv"), "\(replayed.stdout)\(replayed.stderr)")

        let out = wb.run(["reconcile", "--model", Self.model, "--session", Self.session])
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("edited after the capture"), "\(out.stdout)")
        let report = try #require(wb.json("reports/reconcile/\(Self.model)/\(Self.session).json"))
        let differences = try #require(report["differences"] as? [[String: Any]])
        #expect(differences.contains { $0["key"] as? String == key && ($0["field"] as? String ?? "").hasPrefix("features.") }, "\(differences)")
        // Decisions made before the edited bar existed are untouched.
        let earlier = Set(rows.filter { ($0["decision_ts"] as? String ?? "") < "2024-07-01T17:00:00Z" }.compactMap { $0["key"] as? String })
        #expect(!earlier.isEmpty && differences.allSatisfy { !earlier.contains($0["key"] as? String ?? "") })
    }

    @Test func aChangedModelOrAMissingRecordingIsNamed() throws {
        let wb = Self.shared
        let signal = try #require(Self.signalKeys(wb).first)
        let model = wb.path("registry/\(Self.model)/v1/model.json")
        let original = try Data(contentsOf: URL(fileURLWithPath: model))
        defer { try? original.write(to: URL(fileURLWithPath: model)) }
        var changed = original
        changed[changed.count - 2] = changed[changed.count - 2] == UInt8(ascii: " ") ? UInt8(ascii: "\n") : UInt8(ascii: " ")
        try changed.write(to: URL(fileURLWithPath: model))
        let out = Self.replay(wb, signal)
        #expect(out.status == 1 && out.stdout.contains("DIFFERENT: input hash differs: model artifact of version v1"), "\(out.stdout)\(out.stderr)")
        try original.write(to: URL(fileURLWithPath: model))
        // The version gone from the registry: a missing input, not a difference.
        let version = wb.path("registry/\(Self.model)/v1")
        try FileManager.default.moveItem(atPath: version, toPath: version + "-away")
        let missing = Self.replay(wb, signal)
        try FileManager.default.moveItem(atPath: version + "-away", toPath: version)
        #expect(missing.status == 69 && missing.stderr.contains("[replay-input-missing]") && missing.stderr.contains("v1/model.json"), "\(missing.stdout)\(missing.stderr)")

        let live = try #require(Self.liveRows(wb).first?["key"] as? String)
        try FileManager.default.moveItem(atPath: wb.path("rec"), toPath: wb.path("rec-away"))
        defer { try? FileManager.default.moveItem(atPath: wb.path("rec-away"), toPath: wb.path("rec")) }
        let gone = Self.replay(wb, live)
        #expect(gone.status == 69 && gone.stderr.contains("[replay-input-missing]"), "\(gone.stdout)\(gone.stderr)")
        let unknown = Self.replay(wb, "0123456789abcdef")
        #expect(unknown.status == 65 && unknown.stderr.contains("[no-such-alert]"), "\(unknown.stderr)")
    }
}

fileprivate extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
